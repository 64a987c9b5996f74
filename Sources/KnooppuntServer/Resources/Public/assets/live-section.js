// A page region that follows a stream: every element with data-live-stream is fetched again and swapped
// in place when the stream signals a change; its forms are submitted in the background.
(function () {
  "use strict";
  if (!window.Knooppunt) return;
  for (const region of document.querySelectorAll("[data-live-stream]")) {
    let pending = Promise.resolve();
    const refresh = () => {
      pending = pending.then(() => window.Knooppunt.swap(location.href, "#" + region.id))
        .then(() => {
          window.Knooppunt.bindForms(region, refresh);
          document.dispatchEvent(new CustomEvent("knooppunt:swapped", { detail: region.id }));
        })
        .catch((error) => console.warn("refresh failed", error));
    };
    window.Knooppunt.bindForms(region, refresh);
    window.Knooppunt.follow(region.dataset.liveStream, refresh);
  }
})();
