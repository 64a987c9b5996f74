// The incident list follows the stream of every incident the user may see and redraws its table.
(function () {
  "use strict";
  const rows = document.getElementById("incident-rows");
  if (!rows || !window.Knooppunt) return;
  let pending = Promise.resolve();
  window.Knooppunt.follow(rows.dataset.stream, () => {
    pending = pending.then(() => window.Knooppunt.swap(location.href, "#incident-rows"))
      .catch((error) => console.warn("list refresh failed", error));
  });
})();
