// Shared helpers for live pages. The server renders every view; these helpers fetch a page again and
// swap one region of it, follow a Server-Sent Events stream, and submit forms in the background.
(function () {
  "use strict";

  // The event names to listen for come from the server (every journal kind), so a new kind refreshes
  // open pages without a change here.
  const kindsMeta = document.querySelector('meta[name="live-kinds"]');
  const kinds = kindsMeta ? kindsMeta.content.split(",").filter((kind) => kind !== "") : [];

  function csrfToken() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  /** Fetches `url` and replaces the contents of `selector` with the same region of that page; the
   *  `also` selectors (other regions of the same page) are replaced from the same answer. */
  async function swap(url, selector, also = []) {
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (!response.ok) throw new Error("HTTP " + response.status);
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    for (const other of also) {
      const fresh = page.querySelector(other);
      const current = document.querySelector(other);
      if (!fresh || !current) continue;
      current.innerHTML = fresh.innerHTML;
      for (const [key, value] of Object.entries(fresh.dataset)) current.dataset[key] = value;
    }
    const fresh = page.querySelector(selector);
    const current = document.querySelector(selector);
    if (fresh && current) {
      // A section the reader opened (details with an id) stays open across the refresh.
      const opened = Array.from(current.querySelectorAll("details[id][open]"), (details) => details.id);
      current.innerHTML = fresh.innerHTML;
      for (const id of opened) {
        const details = current.querySelector("#" + CSS.escape(id));
        if (details) details.open = true;
      }
      for (const [key, value] of Object.entries(fresh.dataset)) current.dataset[key] = value;
    }
    return current;
  }

  /** Calls `onChange` for every change event on `url`; the browser resumes with Last-Event-ID. */
  function follow(url, onChange) {
    const source = new EventSource(url, { withCredentials: true });
    const handler = (event) => onChange(event);
    for (const kind of kinds) source.addEventListener(kind, handler);
    // The server ends the stream when the reader's access ends: show the page again, which explains why.
    source.addEventListener("access-ended", () => { source.close(); location.reload(); });
    source.addEventListener("open", () => { lastUpdate = new Date(); setOnline(true); });
    source.addEventListener("error", () => { if (source.readyState !== EventSource.OPEN) setOnline(false); });
    for (const kind of kinds) source.addEventListener(kind, () => { lastUpdate = new Date(); });
    return source;
  }

  // Live status: while the stream is down a text banner says so, with the time of the last update, and
  // the page's forms are disabled until the stream is back. Nothing depends on colour alone.
  let lastUpdate = new Date();
  const OFFLINE_TEXT = {
    nl: "Geen live verbinding — laatste update om ",
    en: "No live connection — last update at ",
  };
  const OFFLINE_HINT = {
    nl: "Formulieren zijn uitgeschakeld tot de verbinding terug is.",
    en: "Forms are disabled until the connection is back.",
  };
  function language() { return document.documentElement.lang === "en" ? "en" : "nl"; }
  function clock(date) {
    return new Intl.DateTimeFormat("nl-NL", {
      timeZone: "Europe/Amsterdam", hour: "2-digit", minute: "2-digit", second: "2-digit",
    }).format(date);
  }
  /** The form controls of the page's main content (the header's logout and language switch stay usable). */
  function controls() {
    return document.querySelectorAll("main form input, main form select, main form textarea, main form button");
  }
  function setOnline(online) {
    let banner = document.getElementById("live-status");
    if (online) {
      document.body.classList.remove("offline");
      if (banner) banner.hidden = true;
      for (const control of document.querySelectorAll("[data-offline-disabled]")) {
        control.disabled = false;
        delete control.dataset.offlineDisabled;
      }
      return;
    }
    document.body.classList.add("offline");
    if (!banner) {
      banner = document.createElement("div");
      banner.id = "live-status";
      banner.className = "live-status-banner";
      banner.setAttribute("role", "status");
      const main = document.querySelector("main");
      (main || document.body).prepend(banner);
    }
    const lang = language();
    banner.textContent = OFFLINE_TEXT[lang] + clock(lastUpdate) + ". " + OFFLINE_HINT[lang];
    banner.hidden = false;
    for (const control of controls()) {
      if (control.disabled || (control.type === "hidden")) continue;
      control.disabled = true;
      control.dataset.offlineDisabled = "true";
    }
  }

  /** Submits `form.js-refresh` forms under `root` with fetch, then calls `done(form)`. */
  function bindForms(root, done) {
    for (const form of root.querySelectorAll("form.js-refresh")) {
      if (form.dataset.bound) continue;
      form.dataset.bound = "true";
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const button = form.querySelector('button[type="submit"]');
        if (button) button.disabled = true;
        try {
          const response = await fetch(form.action, {
            method: "POST", credentials: "same-origin",
            headers: { "X-CSRF-Token": csrfToken(), "Content-Type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams(new FormData(form)),
          });
          if (!response.ok) {
            const page = new DOMParser().parseFromString(await response.text(), "text/html");
            const alert = page.querySelector('[role="alert"]');
            throw new Error(alert ? alert.textContent : "HTTP " + response.status);
          }
          if (form.classList.contains("js-reset")) form.reset();
          showError(form, "");
          await done(form);
        } catch (error) {
          showError(form, error.message);
        } finally {
          if (button) button.disabled = false;
        }
      });
    }
  }

  function showError(form, message) {
    let box = form.querySelector(".form-error");
    if (!box) {
      box = document.createElement("p");
      box.className = "form-error error";
      box.setAttribute("role", "alert");
      form.appendChild(box);
    }
    box.textContent = message;
    box.hidden = message === "";
  }

  /** Text made safe to put into HTML (tooltips, popups). */
  function escapeHTML(value) {
    return String(value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }

  window.Knooppunt = { swap, follow, bindForms, csrfToken, escapeHTML };
})();
