// The incident page: live updates from the incident's stream, and the timeline slider that shows the
// picture as it stood at any earlier moment.
(function () {
  "use strict";
  const picture = document.getElementById("picture");
  // The cockpit's top (status, totaalbeeld, besluitpunten, what is new) is refreshed with the picture.
  const top = document.getElementById("cockpit-top");
  const slider = document.getElementById("timeline");
  const output = document.getElementById("timeline-time");
  const backToLive = document.getElementById("back-to-live");
  if (!picture || !window.Knooppunt) return;
  const K = window.Knooppunt;
  const path = location.pathname;
  let live = picture.dataset.live === "true";
  let pending = Promise.resolve();

  const timeFormat = new Intl.DateTimeFormat("nl-NL", {
    timeZone: "Europe/Amsterdam", day: "2-digit", month: "2-digit", year: "numeric",
    hour: "2-digit", minute: "2-digit", second: "2-digit",
  });

  /** Tells the map (and anything else) which moment the page shows: null for live. */
  function announce(at) {
    document.dispatchEvent(new CustomEvent("knooppunt:moment", { detail: { at } }));
  }

  // The urgent banner (decision 0022) is refreshed with the picture; its count leads the tab title.
  const urgent = document.getElementById("urgent");
  const baseTitle = document.title.replace(/^\(\d+\) /, "");
  // Optional sound (off by default, kept per browser): a short double tone when the number of urgent
  // entries nobody acknowledged goes up. Browsers allow sound only after a click, which the toggle is.
  const soundButton = document.getElementById("urgent-sound");
  let audio = null;
  let soundOn = false;
  try { soundOn = localStorage.getItem("knooppunt.urgentSound") === "on"; } catch (error) { soundOn = false; }
  function showSound() {
    if (!soundButton) return;
    soundButton.setAttribute("aria-pressed", String(soundOn));
    soundButton.textContent = soundOn ? soundButton.dataset.on : soundButton.dataset.off;
  }
  function tone() {
    if (!soundOn || !window.AudioContext) return;
    audio = audio || new AudioContext();
    for (const start of [0, 0.25]) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = 880;
      gain.gain.value = 0.2;
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(audio.currentTime + start);
      oscillator.stop(audio.currentTime + start + 0.15);
    }
  }
  if (soundButton) {
    showSound();
    soundButton.addEventListener("click", () => {
      soundOn = !soundOn;
      try { localStorage.setItem("knooppunt.urgentSound", soundOn ? "on" : "off"); } catch (error) { /* private mode */ }
      if (soundOn && window.AudioContext) audio = audio || new AudioContext();
      showSound();
    });
  }
  let lastCount = urgent ? Number(urgent.dataset.count || "0") : 0;

  function showUrgentCount() {
    const count = urgent ? Number(urgent.dataset.count || "0") : 0;
    document.title = (count > 0 ? "(" + count + ") " : "") + baseTitle;
    if (count > lastCount) tone();
    lastCount = count;
    if (urgent) K.bindForms(urgent, afterSubmit);
  }

  function refresh(url) {
    // One request at a time, in order, so a slow answer never overwrites a newer one.
    pending = pending.then(() => K.swap(url, "#picture", url === path ? ["#urgent", "#cockpit-top"] : ["#cockpit-top"]))
      .then(() => { K.bindForms(picture, afterSubmit); if (top) K.bindForms(top, afterSubmit); showUrgentCount(); })
      .catch((error) => console.warn("picture refresh failed", error));
    return pending;
  }

  let deferred = false;
  /** The editors that open inside the live parts: an entry's edit, a decision's consultation of the
   *  councils, a theme's summary, a besluitpunt's decision. */
  const EDITORS = ["details.entry-edit", "details.consultation", "details.summary-edit", "details.point-decide"];
  const regions = [picture, top].filter((region) => region !== null);

  /** True while someone is typing in a live part: a refresh then waits, so no edit is lost. */
  function editing() {
    const open = EDITORS.map((editor) => editor + "[open]").join(", ");
    if (regions.some((region) => region.querySelector(open))) return true;
    const active = document.activeElement;
    return active !== null && regions.some((region) => region.contains(active)) && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName);
  }

  function refreshLive() {
    if (!live) return Promise.resolve();
    if (editing()) {
      deferred = true;
      return Promise.resolve();
    }
    deferred = false;
    if (slider) {
      slider.max = String(Math.ceil(Date.now() / 1000) * 1000);
      slider.value = slider.max;
      output.textContent = timeFormat.format(new Date());
    }
    announce(null);
    return refresh(path);
  }

  function goLive() {
    live = true;
    document.body.classList.remove("viewing-past");
    history.replaceState(null, "", path);
    return refreshLive();
  }

  if (slider) {
    slider.addEventListener("input", () => {
      output.textContent = timeFormat.format(new Date(Number(slider.value)));
    });
    slider.addEventListener("change", () => {
      const at = Number(slider.value);
      if (at >= Number(slider.max) - 1000) return goLive();
      live = false;
      document.body.classList.add("viewing-past");
      const iso = new Date(at).toISOString();
      history.replaceState(null, "", path + "?at=" + encodeURIComponent(iso));
      announce(iso);
      refresh(path + "?at=" + encodeURIComponent(iso));
    });
  }
  if (backToLive) {
    backToLive.addEventListener("click", (event) => {
      event.preventDefault();
      goLive();
    });
  }

  // A closed edit, or focus leaving a live part, lets a deferred refresh through.
  for (const region of regions) {
    region.addEventListener("toggle", () => { if (deferred) refreshLive(); }, true);
    region.addEventListener("focusout", () => setTimeout(() => { if (deferred) refreshLive(); }, 0));
  }

  /** After a form was saved: close its editor and show the result. */
  function afterSubmit(form) {
    const edit = form.closest(EDITORS.join(", "));
    if (edit) edit.open = false;
    if (regions.some((region) => region.contains(document.activeElement))) document.activeElement.blur();
    return refreshLive();
  }

  K.bindForms(document, afterSubmit);
  K.follow(picture.dataset.stream, (event) => {
    document.dispatchEvent(new CustomEvent("knooppunt:event", { detail: { kind: event.type } }));
    refreshLive();
  });
})();
