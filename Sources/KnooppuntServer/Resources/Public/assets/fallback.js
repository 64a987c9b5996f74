// The fallback picture pages: the print button (inline handlers are not allowed by the page's CSP).
document.getElementById("fallback-print")?.addEventListener("click", () => window.print());
