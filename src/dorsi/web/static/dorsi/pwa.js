// Dorsi on the phone: registers the service worker (today's and tomorrow's sessions offline) and
// keeps the queue of logs made offline, sent once back online with their Idempotency-Key, so a
// log sent twice (a retry, two tabs) is stored once.
(function () {
  "use strict";
  var QUEUE_KEY = "dorsi-log-queue";
  var sending = false;

  function read() {
    try { return JSON.parse(localStorage.getItem(QUEUE_KEY)) || []; } catch (e) { return []; }
  }
  function write(items) {
    try { localStorage.setItem(QUEUE_KEY, JSON.stringify(items)); } catch (e) { /* private mode */ }
  }
  function send(item) {
    return fetch(item.url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Idempotency-Key": item.key,
        "Accept": "application/json",
        "Content-Type": "application/x-www-form-urlencoded"
      },
      body: item.body
    });
  }
  function flush() {
    if (sending || !navigator.onLine) { return; }
    var items = read();
    if (!items.length) { return; }
    sending = true;
    var item = items[0];
    send(item).then(function (answer) {
      // Sent (or refused for good): off the queue. A replay of the key answers the first log.
      if (answer.ok || (answer.status >= 400 && answer.status < 500 && answer.status !== 408 && answer.status !== 429)) {
        write(read().filter(function (other) { return other.key !== item.key; }));
        document.dispatchEvent(new CustomEvent("dorsi:queue-sent", { detail: { ok: answer.ok } }));
      }
      sending = false;
      if (answer.ok) { flush(); }
    }, function () { sending = false; });
  }
  function add(item) {
    var items = read().filter(function (other) { return other.key !== item.key; });
    items.push(item);
    write(items);
  }
  window.dorsiQueue = { add: add, send: send, flush: flush, pending: function () { return read().length; } };
  window.addEventListener("online", flush);
  setInterval(flush, 10000);
  flush();

  // The service worker, and the pages it keeps for offline use (listed by the server).
  if (!("serviceWorker" in navigator)) { return; }
  var meta = document.querySelector('meta[name="dorsi-offline"]');
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    if (!meta || !registration.active || !window.MessageChannel) { return; }
    var channel = new MessageChannel();
    channel.port1.onmessage = function (event) {
      if (event.data && event.data.type === "kept") { document.documentElement.dataset.offline = "ready"; }
    };
    registration.active.postMessage(
      { type: "keep", urls: meta.content.split(" ").filter(Boolean) }, [channel.port2]
    );
  }, function () { /* no service worker: the site works online */ });
})();
