// Guided session: one block at a time, countdown for holds, rep and set counters, pause and
// resume. Progressive enhancement: without JavaScript the page is a plain list and a log form.
(function () {
  "use strict";
  var root = document.getElementById("guided");
  if (!root) { return; }
  var blocks = Array.prototype.slice.call(root.querySelectorAll(".block"));
  if (!blocks.length) { return; }
  var storeKey = "dorsi-session:" + location.pathname;
  var counter = document.getElementById("block-counter");
  var state = load() || { block: 0, set: 1, reps: 0, left: null };
  var timer = null;

  function load() {
    try { return JSON.parse(localStorage.getItem(storeKey)); } catch (e) { return null; }
  }
  function save() {
    try { localStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }
  function el(block, selector) { return block.querySelector(selector); }
  function announce(block, text) {
    var live = el(block, ".sr-status") || counter;
    if (live) { live.textContent = text; }
  }
  function signal() {
    if (navigator.vibrate) { navigator.vibrate(200); }
    try {
      var ctx = new (window.AudioContext || window.webkitAudioContext)();
      var osc = ctx.createOscillator();
      osc.connect(ctx.destination); osc.frequency.value = 880;
      osc.start(); osc.stop(ctx.currentTime + 0.15);
    } catch (e) { /* no audio */ }
  }

  function current() { return blocks[state.block]; }
  function sets(block) { return parseInt(block.dataset.sets || "1", 10); }
  function seconds(block) { return block.dataset.seconds ? parseInt(block.dataset.seconds, 10) : null; }
  function reps(block) { return block.dataset.reps ? parseInt(block.dataset.reps, 10) : null; }

  function render() {
    var block = current();
    blocks.forEach(function (b, i) { b.hidden = i !== state.block; });
    counter.textContent = "Exercise " + (state.block + 1) + " of " + blocks.length;
    el(block, ".set-now").textContent = String(state.set);
    if (seconds(block) !== null) {
      var left = state.left === null ? seconds(block) : state.left;
      el(block, ".time-left").textContent = String(Math.ceil(left));
    } else if (el(block, ".rep-now")) {
      el(block, ".rep-now").textContent = String(state.reps);
    }
    save();
  }

  function stopTimer() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    var block = current();
    var start = el(block, ".start"), pause = el(block, ".pause");
    if (start) { start.disabled = false; start.textContent = state.left !== null && state.left < seconds(block) ? "Resume" : "Start"; }
    if (pause) { pause.disabled = true; }
  }

  function startTimer() {
    var block = current();
    if (timer !== null) { return; }
    if (state.left === null || state.left <= 0) { state.left = seconds(block); }
    var last = Date.now();
    el(block, ".start").disabled = true;
    el(block, ".pause").disabled = false;
    el(block, ".pause").focus();
    announce(block, "Timer started: " + Math.ceil(state.left) + " seconds");
    timer = setInterval(function () {
      var now = Date.now();
      state.left -= (now - last) / 1000; last = now;
      if (state.left <= 0) {
        state.left = 0; render(); stopTimer(); signal();
        finishSet(block);
        return;
      }
      var whole = Math.ceil(state.left);
      if (whole === 10) { announce(block, "10 seconds left"); }
      render();
    }, 200);
  }

  function finishSet(block) {
    if (state.set < sets(block)) {
      state.set += 1; state.reps = 0; state.left = null;
      announce(block, "Set done. Set " + state.set + " of " + sets(block) + ".");
      render(); stopTimer();
      var start = el(block, ".start") || el(block, ".rep");
      if (start) { start.focus(); }
    } else {
      announce(block, "Exercise done.");
      state.left = 0; render(); stopTimer();
      el(block, ".next-block").focus();
    }
  }

  function go(index) {
    stopTimer();
    if (index >= blocks.length) {
      state.block = blocks.length - 1; save();
      root.hidden = true;
      var log = document.getElementById("log-title");
      if (log) { log.scrollIntoView(); log.focus(); }
      return;
    }
    state = { block: Math.max(0, index), set: 1, reps: 0, left: null };
    render();
    var heading = current().querySelector("h2");
    if (heading) { heading.focus(); }
  }

  blocks.forEach(function (block, index) {
    var controls = el(block, ".controls");
    if (controls) { controls.hidden = false; }
    var start = el(block, ".start"), pause = el(block, ".pause"), rep = el(block, ".rep");
    if (start) { start.addEventListener("click", startTimer); }
    if (pause) {
      pause.addEventListener("click", function () {
        stopTimer(); render();
        announce(block, "Paused at " + Math.ceil(state.left) + " seconds");
        el(block, ".start").focus();
      });
    }
    if (rep) {
      rep.addEventListener("click", function () {
        state.reps += 1; render();
        if (state.reps >= reps(block)) { signal(); finishSet(block); }
      });
    }
    el(block, ".next-set").addEventListener("click", function () { stopTimer(); finishSet(block); });
    el(block, ".next-block").addEventListener("click", function () { go(index + 1); });
    el(block, ".prev-block").addEventListener("click", function () { go(index - 1); });
  });

  // The log form is for the end; keep it reachable but after the guided blocks.
  document.addEventListener("visibilitychange", function () {
    if (document.hidden && timer !== null) { save(); }
  });
  if (state.block >= blocks.length) { state.block = 0; }
  render();
  stopTimer();
})();
