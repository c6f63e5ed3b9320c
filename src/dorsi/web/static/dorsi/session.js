// Guided session: one tap runs it all. Holds count down, reps are counted at the dose's pace
// (with +1 and undo), sets, sides and exercises follow each other after a rest countdown, with
// spoken cues (mute remembered), vibration at transitions and the screen kept awake. The state
// survives a reload (it comes back paused). Without JavaScript the page is a plain list and a
// log form. The log form sends through the offline queue of pwa.js when there is no network.
(function () {
  "use strict";
  var MUTE_KEY = "dorsi-mute";

  // --- The log form: an idempotency key on every send; queued when the network is gone -------
  var form = document.getElementById("log-form");
  if (form) { setupLog(form); }

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return String(Date.now()) + "-" + Math.random().toString(16).slice(2);
  }

  function setupLog(logForm) {
    var keyField = document.getElementById("idempotency-key");
    var status = document.getElementById("offline-status");
    keyField.value = newKey();
    function show(text) { status.hidden = false; status.textContent = text; }
    logForm.addEventListener("submit", function (event) {
      var queue = window.dorsiQueue;
      if (!queue || !window.fetch) { return; } // a plain post (the key rides along)
      event.preventDefault();
      var item = { url: logForm.action, body: new URLSearchParams(new FormData(logForm)).toString(), key: keyField.value };
      if (!navigator.onLine) {
        queue.add(item);
        keyField.value = newKey();
        show("Saved on this phone: it is sent once you are back online.");
        return;
      }
      queue.send(item).then(function (answer) {
        if (queue.stored(answer)) { location.assign("/"); return; }
        logForm.submit(); // field errors or a new login: let the server answer as a page
      }, function () {
        queue.add(item); // the network failed after all: keep it for later
        keyField.value = newKey();
        show("No connection: the log is saved on this phone and sent once you are back online.");
      });
    });
    document.addEventListener("dorsi:queue-sent", function () {
      show("Your saved log was sent.");
    });
  }

  // --- The guided session ------------------------------------------------------------------
  var root = document.getElementById("guided");
  if (!root) { return; }
  var blocks = Array.prototype.slice.call(root.querySelectorAll(".block"));
  if (!blocks.length) { return; }
  var consoleEl = document.getElementById("console");
  var phaseEl = document.getElementById("phase");
  var clockValue = document.getElementById("clock-value");
  var clockUnit = document.getElementById("clock-unit");
  var srStatus = document.getElementById("sr-status");
  var mainButton = document.getElementById("main-control");
  var undoButton = document.getElementById("rep-undo");
  var addButton = document.getElementById("rep-add");
  var prevButton = document.getElementById("prev-step");
  var skipButton = document.getElementById("skip-step");
  var muteBox = document.getElementById("mute");
  var counter = document.getElementById("block-counter");

  function number(value, fallback) {
    var parsed = parseFloat(value);
    return isFinite(parsed) && parsed > 0 ? parsed : fallback;
  }
  // ?speed=N scales the clock, only where the server allows it (tests and DEBUG).
  var speed = root.dataset.speedSwitch === "on" ?
    Math.min(number(new URLSearchParams(location.search).get("speed"), 1), 100) : 1;
  var rests = {
    sets: number(root.dataset.restSets, 20),
    sides: number(root.dataset.restSides, 10),
    exercises: number(root.dataset.restExercises, 15)
  };
  var warning = number(root.dataset.warning, 10);
  var storeKey = "dorsi-session:" + location.pathname;
  var state = load() || fresh();
  var timer = null;
  var last = 0;
  var lock = null;

  function fresh() {
    return { block: 0, set: 1, phase: "ready", left: 0, reps: 0, repClock: 0, rest: "", undo: null };
  }
  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(storeKey));
      return saved && typeof saved.block === "number" && saved.phase ? saved : null;
    } catch (e) { return null; }
  }
  function save() {
    try { localStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }
  function data(block, name) { return block.dataset[name]; }
  function sets(block) { return parseInt(data(block, "sets") || "1", 10); }
  function seconds(block) { return data(block, "seconds") ? parseInt(data(block, "seconds"), 10) : null; }
  function reps(block) { return data(block, "reps") ? parseInt(data(block, "reps"), 10) : null; }
  function pace(block) { return number(data(block, "pace"), 3); }
  function side(block) { return data(block, "side"); }
  function current() { return blocks[state.block]; }
  function running() { return timer !== null; }

  // --- Cues: voice, vibration, screen reader ---------------------------------------------------
  function muted() {
    try { return localStorage.getItem(MUTE_KEY) === "1"; } catch (e) { return false; }
  }
  function say(text) {
    srStatus.textContent = text;
    if (muted() || !("speechSynthesis" in window)) { return; }
    try {
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
    } catch (e) { /* no voice on this device */ }
  }
  function buzz(pattern) {
    if (navigator.vibrate) { try { navigator.vibrate(pattern); } catch (e) { /* not allowed */ } }
  }
  function workCue(block) {
    var words = [];
    if (side(block) === "left" || side(block) === "right") { words.push(side(block) + " side."); }
    if (sets(block) > 1) { words.push("Set " + state.set + " of " + sets(block) + "."); }
    words.push(seconds(block) !== null ? seconds(block) + " seconds." : reps(block) + " reps.");
    return words.join(" ").replace(/^./, function (c) { return c.toUpperCase(); });
  }

  // --- Screen Wake Lock while the session runs -------------------------------------------------
  function holdScreen() {
    if (lock || !("wakeLock" in navigator)) { return; }
    navigator.wakeLock.request("screen").then(function (sentinel) {
      lock = sentinel;
      root.dataset.wakeLock = "held";
      sentinel.addEventListener("release", function () { lock = null; root.dataset.wakeLock = "released"; });
      if (!running()) { releaseScreen(); }
    }, function () { root.dataset.wakeLock = "refused"; });
  }
  function releaseScreen() {
    if (lock) { lock.release(); lock = null; }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && running()) { holdScreen(); }
    if (document.hidden) { save(); }
  });

  // --- Drawing the state -------------------------------------------------------------------------
  function render() {
    var block = current();
    blocks.forEach(function (b, i) { b.hidden = i !== state.block; });
    // The console sits under the figure of the current block, above its how-to.
    var howto = block.querySelector(".howto");
    if (consoleEl.parentNode !== block || consoleEl.nextElementSibling !== howto) {
      block.insertBefore(consoleEl, howto);
    }
    counter.textContent = "Exercise " + (state.block + 1) + " of " + blocks.length;
    var timed = seconds(block) !== null;
    var label;
    if (state.phase === "ready") {
      label = "Ready: " + (sets(block) > 1 ? sets(block) + " sets" : "1 set");
      clockValue.textContent = String(timed ? seconds(block) : reps(block));
      clockUnit.textContent = timed ? " s" : " reps";
    } else if (state.phase === "rest") {
      label = state.rest === "sides" ? "Switch sides" : "Rest";
      label += " · next: " + (state.rest === "sets" ? "set " + state.set + " of " + sets(block) : data(block, "name"));
      clockValue.textContent = String(Math.max(0, Math.ceil(state.left)));
      clockUnit.textContent = " s";
    } else if (state.phase === "done") {
      label = "Session done";
      clockValue.textContent = "✓";
      clockUnit.textContent = "";
    } else {
      label = "Set " + state.set + " of " + sets(block);
      if (timed) {
        clockValue.textContent = String(Math.max(0, Math.ceil(state.left)));
        clockUnit.textContent = " s";
      } else {
        clockValue.textContent = state.reps + " / " + reps(block);
        clockUnit.textContent = " reps";
      }
    }
    phaseEl.textContent = label;
    root.dataset.phase = state.phase;
    var repWork = !timed && state.phase === "work";
    addButton.hidden = !repWork;
    addButton.disabled = !repWork || state.reps >= reps(block);
    undoButton.hidden = !(repWork || state.undo);
    undoButton.disabled = !(state.reps > 0 && repWork) && !state.undo;
    prevButton.disabled = state.block === 0;
    skipButton.disabled = state.phase === "done";
    if (state.phase === "done") {
      mainButton.textContent = "Log the session";
    } else if (running()) {
      mainButton.textContent = "Pause";
    } else {
      mainButton.textContent = state.phase === "ready" ? "Start the session" : "Resume";
    }
    save();
  }

  // --- The clock -----------------------------------------------------------------------------------
  function tick() {
    var now = Date.now();
    var step = (now - last) / 1000 * speed;
    last = now;
    var block = current();
    if (state.phase === "rest") {
      state.left -= step;
      if (state.left <= 0) { startWork(); }
    } else if (state.phase === "work" && seconds(block) !== null) {
      var before = Math.ceil(state.left);
      state.left -= step;
      var after = Math.ceil(state.left);
      if (seconds(block) > 2 * warning && before > warning && after <= warning && state.left > 0) {
        say("Ten seconds.");
        buzz(80);
      }
      if (state.left <= 0) { endWork(); }
    } else if (state.phase === "work") {
      state.repClock += step;
      if (state.repClock >= pace(block)) {
        state.repClock = 0;
        addRep();
        return;
      }
    }
    render();
  }
  function play() {
    if (running() || state.phase === "done") { return; }
    last = Date.now();
    timer = setInterval(tick, 100);
    holdScreen();
  }
  function pause() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    releaseScreen();
  }

  // --- Moving through the session ----------------------------------------------------------------
  function startWork() {
    var block = current();
    state.phase = "work";
    state.left = seconds(block) !== null ? seconds(block) : 0;
    state.reps = 0;
    state.repClock = 0;
    state.undo = null;
    say(workCue(block));
    buzz(200);
    render();
  }
  function rest(kind) {
    state.phase = "rest";
    state.rest = kind;
    state.left = rests[kind];
    state.reps = 0;
    var block = current();
    if (kind === "sides") {
      say("Switch sides. " + workCue(block));
    } else if (kind === "sets") {
      say("Rest " + rests.sets + " seconds.");
    } else {
      say("Rest. Next: " + data(block, "name") + ".");
    }
    buzz([100, 80, 100]);
    render();
  }
  function endWork() {
    var block = current();
    state.undo = reps(block) !== null ? { block: state.block, set: state.set } : null;
    if (state.set < sets(block)) {
      state.set += 1;
      rest("sets");
    } else if (state.block < blocks.length - 1) {
      var next = blocks[state.block + 1];
      var switching = data(next, "item") === data(block, "item") && side(next) !== side(block);
      state.block += 1;
      state.set = 1;
      rest(switching ? "sides" : "exercises");
    } else {
      finish();
    }
  }
  function finish() {
    pause();
    state.phase = "done";
    state.undo = null;
    say("Session done. Well done!");
    buzz([200, 100, 200]);
    render();
    toLog();
  }
  function toLog() {
    var minutes = document.getElementById("id_minutes");
    var log = document.getElementById("log-title");
    if (log) { log.scrollIntoView(); log.focus(); }
    if (minutes && !minutes.value) { minutes.focus(); }
  }
  function addRep() {
    var block = current();
    if (state.phase !== "work" || reps(block) === null || state.reps >= reps(block)) { return; }
    state.reps += 1; // never past the target: the set ends there
    state.repClock = 0;
    if (state.reps >= reps(block)) { endWork(); return; }
    render();
  }
  function undoRep() {
    if (state.phase === "work" && state.reps > 0) {
      state.reps -= 1;
      state.repClock = 0;
    } else if (state.undo) { // the set just ended on its last rep: back into it, one rep short
      var target = state.undo;
      state.block = target.block;
      state.set = target.set;
      state.phase = "work";
      state.reps = reps(current()) - 1;
      state.repClock = 0;
      state.undo = null;
    }
    render();
  }
  function goTo(index) {
    state = fresh();
    state.block = Math.max(0, Math.min(index, blocks.length - 1));
    var wasRunning = running();
    if (wasRunning) { startWork(); } else { render(); }
    var heading = current().querySelector("h2");
    if (heading && !wasRunning) { heading.focus(); }
  }

  mainButton.addEventListener("click", function () {
    if (state.phase === "done") { toLog(); return; }
    if (running()) {
      pause();
      say("Paused.");
      render();
      return;
    }
    if (state.phase === "ready") { startWork(); }
    play();
    render();
  });
  addButton.addEventListener("click", addRep);
  undoButton.addEventListener("click", undoRep);
  prevButton.addEventListener("click", function () { goTo(state.block - 1); });
  skipButton.addEventListener("click", function () {
    if (state.block >= blocks.length - 1) { finish(); return; }
    goTo(state.block + 1);
  });
  muteBox.checked = muted();
  muteBox.addEventListener("change", function () {
    try { localStorage.setItem(MUTE_KEY, muteBox.checked ? "1" : "0"); } catch (e) { /* private mode */ }
    if (muteBox.checked && "speechSynthesis" in window) { window.speechSynthesis.cancel(); }
  });

  if (state.block >= blocks.length) { state = fresh(); }
  consoleEl.hidden = false;
  root.classList.add("enhanced");
  render(); // a reloaded session comes back paused where it was
})();
