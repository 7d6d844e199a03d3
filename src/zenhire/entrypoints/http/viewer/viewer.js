// Starts Swagger UI on this service's own document. Kept out of the page so that the page's
// Content-Security-Policy can forbid inline script; validatorUrl null keeps the viewer from
// sending the document to an outside validator.
(function () {
  "use strict";
  function start() {
    var root = document.getElementById("swagger-ui");
    window.ui = SwaggerUIBundle({
      url: root.getAttribute("data-document"),
      domNode: root,
      deepLinking: true,
      validatorUrl: null,
      defaultModelsExpandDepth: 0,
      displayOperationId: true,
      tryItOutEnabled: false,
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
