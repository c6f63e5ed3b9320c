// Dorsi's service worker (served from the site root by dorsi.web.views.pwa so its scope is the
// whole site). Static files: cache first. Session pages: network first, kept for offline use
// (today's and tomorrow's, sent by pwa.js, and any session page opened). Nothing else is cached.
"use strict";
var CACHE = "dorsi-{{ version }}";
var STATIC = {{ static_urls|safe }};

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(STATIC); }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf("dorsi-") === 0 && name !== CACHE; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function isSession(url) { return /^\/session\/\d{4}-\d{2}-\d{2}\/$/.test(url.pathname); }
function pageKey(url) { return url.origin + url.pathname; }

// A "forget" (logging out) wins over any session page still on its way into the cache: a page
// fetched before the forget is not stored after it.
var generation = 0;
function keepPage(key, answer, started) {
  if (started !== generation) { return null; }
  return caches.open(CACHE).then(function (cache) {
    return started === generation ? cache.put(key, answer) : null;
  });
}

self.addEventListener("message", function (event) {
  if (event.data && event.data.type === "forget") {
    generation += 1;
    event.waitUntil(caches.open(CACHE).then(function (cache) {
      return cache.keys().then(function (requests) {
        return Promise.all(requests.filter(function (request) { return isSession(new URL(request.url)); })
          .map(function (request) { return cache.delete(request); }));
      });
    }));
    return;
  }
  if (!event.data || event.data.type !== "keep") { return; }
  var urls = event.data.urls || [];
  var started = generation;
  event.waitUntil(Promise.resolve().then(function () {
    return Promise.all(urls.map(function (path) {
      var url = new URL(path, self.location.origin);
      if (url.origin !== self.location.origin || !isSession(url)) { return null; }
      return fetch(url.href, { credentials: "same-origin", redirect: "manual" }).then(function (answer) {
        if (answer.ok) { return keepPage(pageKey(url), answer, started); }
        return null;
      }, function () { return null; });
    }));
  }).then(function () {
    if (event.ports && event.ports[0]) { event.ports[0].postMessage({ type: "kept", urls: urls }); }
  }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(caches.match(request).then(function (hit) {
      return hit || fetch(request).then(function (answer) {
        if (answer.ok) {
          var copy = answer.clone();
          caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
        }
        return answer;
      });
    }));
    return;
  }
  if (isSession(url)) {
    var started = generation;
    event.respondWith(fetch(request).then(function (answer) {
      if (answer.ok && !answer.redirected) { keepPage(pageKey(url), answer.clone(), started); }
      return answer;
    }, function () {
      return caches.match(pageKey(url)).then(function (hit) {
        return hit || new Response("<!doctype html><title>Offline</title><p>You are offline and this session was not saved on this phone.</p>",
          { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
      });
    }));
  }
});
