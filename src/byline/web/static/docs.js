// Starts Swagger UI (served from this server, not a CDN) on the OpenAPI document.
"use strict";
window.addEventListener("DOMContentLoaded", function () {
  if (typeof window.SwaggerUIBundle !== "function") {
    document.getElementById("swagger-ui").textContent =
      "Swagger UI is not installed; the OpenAPI document is at /openapi.json.";
    return;
  }
  window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: false });
});
