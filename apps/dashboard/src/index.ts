/** The dashboard (Bull Board behind basic auth): its config and app, for tests. `main.ts` runs it. */
export { dashboardConfigSchema, loadDashboardConfig } from "./config.js";
export { type Dashboard, createDashboardApp } from "./create-dashboard-app.js";
