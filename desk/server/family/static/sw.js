// The family app's service worker: show a notification, and open its conversation
// when it is tapped. The payload is {"title", "body", "url"}, sent encrypted by the
// server (aes128gcm); the URL is always one of this app's pages.
self.addEventListener("push", function (event) {
  var data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = {body: event.data.text()};
  }
  event.waitUntil(self.registration.showNotification(data.title || "", {
    body: data.body || "",
    tag: data.url || "",
    data: {url: data.url || "/family/"}
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var url = new URL(event.notification.data.url, self.location.origin);
  if (url.origin !== self.location.origin) { return; }
  event.waitUntil(self.clients.openWindow(url.href));
});
