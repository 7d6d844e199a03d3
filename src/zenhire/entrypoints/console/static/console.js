// ZenHire console: small progressive enhancement. Every page works without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Copy buttons next to secrets shown once.
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var field = document.getElementById(button.getAttribute("data-copy"));
      field.select();
      var done = function () { button.textContent = "Copied"; };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          document.execCommand("copy"); done();
        });
      } else { document.execCommand("copy"); done(); }
    });
  });
  // Live figures refreshed every 5 seconds from the same origin.
  var live = document.querySelector("[data-refresh]");
  if (live) {
    setInterval(function () {
      fetch(live.getAttribute("data-refresh"), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (!html) { return; }
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.getElementById("live");
          if (fresh) { live.innerHTML = fresh.innerHTML; }
        })
        .catch(function () {});
    }, 5000);
  }
});
