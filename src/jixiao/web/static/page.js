/* Small behaviours of the jixiao pages, as a static file so the Content-Security-Policy needs no inline script:
   a <select data-autosubmit> submits its form on change; a chart box [data-height] gets its height in px. */
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el && el.matches && el.matches("select[data-autosubmit]") && el.form) el.form.submit();
});
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-height]").forEach(function (el) {
    el.style.height = parseInt(el.getAttribute("data-height"), 10) + "px";  /* CSSOM, allowed by style-src 'self' */
  });
});
