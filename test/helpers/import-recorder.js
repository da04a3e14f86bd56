// Loaded with `node --import`: writes the URL of every module the process
// resolves to the file named by RECORD_IMPORTS_TO, one a line, so a test can
// tell which packages a command loaded.
import { register } from "node:module";

register("./import-recorder-hooks.js", import.meta.url, {
  data: { file: process.env.RECORD_IMPORTS_TO },
});
