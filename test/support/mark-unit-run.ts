/** Mocha's --require for `npm run test:unit` (.mocharc.unit.json): marks the process as the unit run. */
import { UNIT_RUN_VARIABLE } from "./unit-run";

process.env[UNIT_RUN_VARIABLE] = "1";
