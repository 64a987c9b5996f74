// A page region that follows a stream: every element with data-live-stream is fetched again and swapped
// in place when the stream signals a change; its forms are submitted in the background. While the reader
// is filling in a form in the region (focus in a field, or a field changed), the refresh waits until they
// leave it, so a live update never wipes what someone is typing.
(function () {
  "use strict";
  if (!window.Knooppunt) return;

  function changed(form) {
    for (const field of form.elements) {
      if (field.type === "hidden" || field.type === "submit") continue;
      if ((field.type === "checkbox" || field.type === "radio") && field.checked !== field.defaultChecked) return true;
      if (field.tagName === "SELECT") {
        // Without a preselected option the first one is the default.
        const initial = Math.max(0, Array.from(field.options).findIndex((option) => option.defaultSelected));
        if (field.selectedIndex !== initial) return true;
        continue;
      }
      if ((field.tagName === "TEXTAREA" || field.tagName === "INPUT") && field.type !== "checkbox" && field.type !== "radio"
          && field.value !== field.defaultValue) return true;
    }
    return false;
  }

  function editing(region) {
    const active = document.activeElement;
    if (active && region.contains(active) && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName) && active.type !== "hidden") return true;
    return Array.from(region.querySelectorAll("form")).some(changed);
  }

  for (const region of document.querySelectorAll("[data-live-stream]")) {
    let pending = Promise.resolve();
    let deferred = false;
    // A form's own submission refreshes at once; a signal from the stream waits while the reader edits.
    const refresh = (source) => {
      if (!(source instanceof HTMLFormElement) && editing(region)) {
        deferred = true;
        region.dataset.updatesWaiting = "true";
        return;
      }
      deferred = false;
      delete region.dataset.updatesWaiting;
      pending = pending.then(() => window.Knooppunt.swap(location.href, "#" + region.id))
        .then(() => {
          window.Knooppunt.bindForms(region, refresh);
          document.dispatchEvent(new CustomEvent("knooppunt:swapped", { detail: region.id }));
        })
        .catch((error) => console.warn("refresh failed", error));
    };
    // Once the reader leaves the field (and has not changed anything), catch up.
    region.addEventListener("focusout", () => setTimeout(() => { if (deferred) refresh(); }, 0));
    window.Knooppunt.bindForms(region, refresh);
    window.Knooppunt.follow(region.dataset.liveStream, refresh);
  }
})();
