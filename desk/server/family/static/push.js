// The preferences page's notifications button (web push). Without service workers,
// the Push API or notifications the page keeps its sentence saying so; nothing here
// is needed for the rest of the page, which works without script.
(function () {
  "use strict";
  var box = document.getElementById("push");
  if (!box || !("serviceWorker" in navigator) || !("PushManager" in window) ||
      !("Notification" in window)) {
    return;
  }
  var on = document.getElementById("push-on");
  var off = document.getElementById("push-off");
  var status = document.getElementById("push-status");
  document.getElementById("push-unsupported").hidden = true;

  function keyBytes(text) {
    var padded = (text + "===".slice((text.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
    return bytes;
  }

  function post(path, fields) {
    fields.csrf = box.dataset.csrf;
    return fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/x-www-form-urlencoded"},
      body: new URLSearchParams(fields)
    }).then(function (answer) {
      if (!answer.ok) { throw new Error("the server answered " + answer.status); }
    });
  }

  function show(subscribed) {
    on.hidden = subscribed;
    off.hidden = !subscribed;
  }

  function say(text) { status.textContent = text; }

  var ready = navigator.serviceWorker.register("/family/sw.js", {scope: "/family/"})
    .then(function () { return navigator.serviceWorker.ready; });

  ready.then(function (registration) { return registration.pushManager.getSubscription(); })
    .then(function (subscription) { show(Boolean(subscription)); })
    .catch(function () { show(false); });

  on.addEventListener("click", function () {
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") { say(box.dataset.denied); return null; }
      return ready.then(function (registration) {
        return registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(box.dataset.key)
        });
      }).then(function (subscription) {
        return post("/family/push/subscribe", {subscription: JSON.stringify(subscription)});
      }).then(function () { show(true); say(box.dataset.subscribed); });
    }).catch(function () { say(box.dataset.failed); });
  });

  off.addEventListener("click", function () {
    ready.then(function (registration) { return registration.pushManager.getSubscription(); })
      .then(function (subscription) {
        if (!subscription) { return null; }
        return post("/family/push/unsubscribe", {endpoint: subscription.endpoint})
          .then(function () { return subscription.unsubscribe(); });
      })
      .then(function () { show(false); say(box.dataset.unsubscribed); })
      .catch(function () { say(box.dataset.failed); });
  });
})();
