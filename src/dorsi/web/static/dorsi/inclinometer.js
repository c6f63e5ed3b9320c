// Dorsi: the lunge (shin) angle from the phone's orientation sensor.
//
// The phone lies flat on the front of the shin: its long side along the shin, top edge towards
// the knee, screen facing out. A DeviceOrientation reading is the rotation Z-X'-Y'' by alpha,
// beta, gamma (W3C), with beta in [-180, 180) and gamma in [-90, 90). In Earth coordinates the
// phone's long axis (device y) then has the vertical component sin(beta), whatever alpha (the
// heading) and gamma (the phone turned a little on the shin) are; so the long axis, which is the
// shin, makes acos(sin(beta)) = 90 - beta with the vertical. The screen's normal has the vertical
// component cos(beta) cos(gamma), and cos(gamma) >= 0, so cos(beta) < 0 (beta beyond +-90) when
// the screen tips towards the floor, which it does when the knee moves ahead of the ankle.
// Together, for the top edge up (beta in 90..180) or down (beta in -180..-90):
//
//     shin angle from vertical = |beta| - 90   (degrees; positive = knee ahead of the ankle)
//
// A check on a vertical wall first gives the phone's own offset (a bent case, a skewed sensor),
// which is taken off every capture. A capture is the median of the last second of readings once
// they all lie within the spread the page gives (the person holds still).
(function () {
  "use strict";
  var root = document.getElementById("inclinometer");
  if (!root) { return; }
  var WINDOW_MS = parseFloat(root.dataset.windowS) * 1000;
  var SPREAD_DEG = parseFloat(root.dataset.spreadDeg);
  var WALL_TOLERANCE_DEG = parseFloat(root.dataset.wallToleranceDeg);
  var SAMPLE_MS = 50; // the latest reading is sampled at 20 Hz: some browsers only fire on change
  var GIVE_UP_MS = 15000;
  var NO_SENSOR_MS = 2500;

  var status = document.getElementById("sensor-status");
  var live = document.getElementById("live-angle");
  var wallResult = document.getElementById("wall-result");
  var startButton = document.getElementById("sensor-start");
  var help = document.getElementById("sensor-help");
  var captureButtons = root.querySelectorAll("button[data-capture]");
  var latest = null; // shin angle of the last reading, before the wall offset
  var offset = null; // the wall reading; null until the wall check passed
  var capturing = false;

  function say(text) { status.textContent = text; }

  // The phone lies on the shin, out of sight: a buzz and a spoken word say that it is done.
  function signal(words) {
    if (navigator.vibrate) { navigator.vibrate(200); }
    if (window.speechSynthesis && window.SpeechSynthesisUtterance) {
      window.speechSynthesis.speak(new window.SpeechSynthesisUtterance(words));
    }
  }

  function explain(text) {
    say(text);
    if (help) { help.open = true; }
  }

  function shinAngle(beta, gamma) {
    if (beta === null || gamma === null || isNaN(beta)) { return null; }
    return Math.abs(beta) - 90;
  }

  function fixed(value) { return (Math.round(value * 10) / 10).toFixed(1); }

  function median(values) {
    var sorted = values.slice().sort(function (a, b) { return a - b; });
    var middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  function onReading(event) {
    var angle = shinAngle(event.beta, event.gamma);
    if (angle === null) { return; }
    latest = angle;
    live.textContent = fixed(offset === null ? angle : angle - offset) + "°";
  }

  function enable(kinds, on) {
    captureButtons.forEach(function (button) {
      if (kinds.indexOf(button.dataset.capture) >= 0) { button.disabled = !on; }
    });
  }

  function listen() {
    window.addEventListener("deviceorientation", onReading);
    say("Sensor on. Lay the phone flat against a wall and press Check on a wall.");
    startButton.disabled = true;
    enable(["wall"], true);
    window.setTimeout(function () {
      if (latest === null) {
        enable(["wall"], false);
        startButton.disabled = false;
        explain("No readings from a tilt sensor: this device or browser has none, or blocks it. " +
          "See below what to do.");
      }
    }, NO_SENSOR_MS);
  }

  function start() {
    var Orientation = window.DeviceOrientationEvent;
    if (!window.isSecureContext) {
      explain("Phones give sensor readings to secure (https) pages only. See below.");
      return;
    }
    if (!Orientation) {
      explain("This browser has no tilt sensor. See below what to do.");
      return;
    }
    if (typeof Orientation.requestPermission === "function") { // iOS asks, on a tap only
      Orientation.requestPermission().then(function (answer) {
        if (answer === "granted") { listen(); } else {
          explain("Motion access was refused. See below how to allow it.");
        }
      }).catch(function () {
        explain("Motion access could not be asked for. See below how to allow it.");
      });
      return;
    }
    listen();
  }

  // Resolves with the median of the first steady second of readings, or null after GIVE_UP_MS.
  function steadyMedian(done) {
    var samples = [];
    var began = Date.now();
    var timer = window.setInterval(function () {
      var now = Date.now();
      if (latest !== null) { samples.push({ t: now, v: latest }); }
      while (samples.length && samples[0].t < now - WINDOW_MS) { samples.shift(); }
      var values = samples.map(function (s) { return s.v; });
      var spanned = samples.length > 1 && samples[samples.length - 1].t - samples[0].t >= WINDOW_MS - SAMPLE_MS;
      if (spanned && Math.max.apply(null, values) - Math.min.apply(null, values) <= SPREAD_DEG) {
        window.clearInterval(timer);
        done(median(values));
      } else if (now - began > GIVE_UP_MS) {
        window.clearInterval(timer);
        done(null);
      }
    }, SAMPLE_MS);
  }

  // A few seconds to lay the phone down after the tap, then the steady second is looked for.
  function afterDelay(then) {
    var left = Math.round(parseFloat(root.dataset.delayS) || 0);
    function tick() {
      if (left <= 0) { say("Hold still…"); then(); return; }
      say("Lay the phone in place: " + left + "…");
      left -= 1;
      window.setTimeout(tick, 1000);
    }
    tick();
  }

  function capture(kind) {
    if (capturing) { return; }
    capturing = true;
    enable(["wall", "left", "right"], false);
    afterDelay(function () { steadyMedian(captured); });

    function captured(value) {
      capturing = false;
      enable(["wall"], true);
      if (value === null) {
        say("The reading did not settle. Hold the phone still against the " +
          (kind === "wall" ? "wall" : "shin") + " and try again.");
        enable(["left", "right"], offset !== null);
        return;
      }
      if (kind === "wall") { wallChecked(value); } else { sideCaptured(kind, value); }
      enable(["left", "right"], offset !== null);
    }
  }

  function wallChecked(value) {
    if (Math.abs(value) > WALL_TOLERANCE_DEG) {
      offset = null;
      wallResult.textContent = "";
      say("On the wall the phone read " + fixed(value) + "° from vertical. Lay it flat against a " +
        "vertical wall or door frame, long side up and down, and check again.");
      return;
    }
    offset = value;
    signal("Wall check done");
    wallResult.textContent = "Wall check: " + fixed(value) + "° (taken off every capture).";
    say("Wall check done. Now the lunge: phone on the shin, then Capture left or Capture right.");
  }

  function sideCaptured(side, value) {
    var angle = fixed(value - offset);
    var input = document.getElementById("id_" + side);
    if (input) { input.value = angle; }
    say((side === "left" ? "Left" : "Right") + " shin: " + angle + "°.");
    signal((side === "left" ? "Left" : "Right") + " shin, " + Math.round(value - offset) + " degrees");
  }

  startButton.addEventListener("click", start);
  captureButtons.forEach(function (button) {
    button.addEventListener("click", function () { capture(button.dataset.capture); });
  });
}());
