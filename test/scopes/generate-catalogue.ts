/** Rewrites src/scopes/catalogue.ts from the shared scope table. Run by hand after the table changes. */
import * as fs from "fs";
import { catalogueModuleFile, readSharedScopes, renderCatalogueModule } from "./catalogue-source";

const entries = readSharedScopes();
fs.writeFileSync(catalogueModuleFile, renderCatalogueModule(entries));
console.log(`wrote ${entries.length} scopes to ${catalogueModuleFile}`);
