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
  function post(item, body) {
    return fetch(item.url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Idempotency-Key": item.key,
        "Accept": "application/json",
        "Content-Type": "application/x-www-form-urlencoded"
      },
      body: body
    });
  }
  // A page kept offline may carry a CSRF token that has changed since (a new login): on a 403,
  // take a fresh one from the same page online and try once more.
  function send(item) {
    return post(item, item.body).then(function (answer) {
      if (answer.status !== 403) { return answer; }
      return fetch(item.url, { credentials: "same-origin" }).then(function (page) {
        return page.text();
      }).then(function (html) {
        var found = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(html);
        if (!found) { return answer; }
        var body = new URLSearchParams(item.body);
        body.set("csrfmiddlewaretoken", found[1]);
        item.body = body.toString();
        return post(item, item.body);
      });
    });
  }
  function stored(answer) { return answer.ok && !answer.redirected; } // not a login page
  function flush() {
    if (sending || !navigator.onLine) { return; }
    var items = read();
    if (!items.length) { return; }
    sending = true;
    var item = items[0];
    send(item).then(function (answer) {
      // Stored, or refused for good (422: the fields): off the queue. A replay of the key
      // answers the first log, so a send that reached the server twice stores one log.
      if (stored(answer) || answer.status === 422) {
        write(read().filter(function (other) { return other.key !== item.key; }));
        document.dispatchEvent(new CustomEvent("dorsi:queue-sent", { detail: { ok: stored(answer) } }));
      }
      sending = false;
      if (stored(answer)) { flush(); }
    }, function () { sending = false; });
  }
  function add(item) {
    var items = read().filter(function (other) { return other.key !== item.key; });
    items.push(item);
    write(items);
  }
  window.dorsiQueue = {
    add: add, send: send, flush: flush, stored: stored,
    pending: function () { return read().length; }
  };
  window.addEventListener("online", flush);
  setInterval(flush, 10000);
  flush();

  // The service worker, and the pages it keeps for offline use (listed by the server).
  if (!("serviceWorker" in navigator)) { return; }
  var meta = document.querySelector('meta[name="dorsi-offline"]');
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    if (!registration.active || !window.MessageChannel) { return; }
    if (!meta) { // logged out: the kept session pages go (they are someone's plan)
      registration.active.postMessage({ type: "forget" });
      return;
    }
    var channel = new MessageChannel();
    channel.port1.onmessage = function (event) {
      if (event.data && event.data.type === "kept") { document.documentElement.dataset.offline = "ready"; }
    };
    registration.active.postMessage(
      { type: "keep", urls: meta.content.split(" ").filter(Boolean) }, [channel.port2]
    );
  }, function () { /* no service worker: the site works online */ });
})();
