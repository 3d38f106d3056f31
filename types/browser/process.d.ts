/** In the hub's browser build `process` may not exist: code that reads it must check first (tsconfig.browser.json). */
declare namespace NodeJS {
  interface ProcessEnv {
    [name: string]: string | undefined;
  }
}
declare const process: { readonly env: NodeJS.ProcessEnv } | undefined;
