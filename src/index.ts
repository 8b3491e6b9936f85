import { productionApp } from "./app/production-app.js";

/** Entry point for `probot run`; `agenticops start` uses productionApp itself, to close alert intake on shutdown. */
export default productionApp();
