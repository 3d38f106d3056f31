/** Rewrites test/emulator/scopes/operation-scopes.ts from the shared specs. Run by hand after the specs change. */
import * as fs from "fs";
import { operationScopesModuleFile, readSpecOperationScopes, renderOperationScopesModule } from "./operation-scopes-source";

const rows = readSpecOperationScopes();
fs.writeFileSync(operationScopesModuleFile, renderOperationScopesModule(rows));
console.log(`wrote ${rows.length} operations to ${operationScopesModuleFile}`);
