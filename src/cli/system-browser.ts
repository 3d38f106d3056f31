/** Opens a URL in the person's browser: $BROWSER when set (as on Linux), else the platform's opener. */
import { spawn } from "child_process";

export function systemBrowser(env: NodeJS.ProcessEnv = process.env): (url: string) => Promise<void> {
  return (url) =>
    new Promise((resolve, reject) => {
      const [command, args] = env.BROWSER
        ? [env.BROWSER, [url]]
        : process.platform === "darwin"
          ? ["open", [url]]
          : process.platform === "win32"
            ? ["cmd", ["/c", "start", '""', url.replace(/&/g, "^&")]]
            : ["xdg-open", [url]];
      const child = spawn(command, args, { stdio: "ignore", detached: !env.BROWSER });
      child.once("error", reject);
      child.once("spawn", () => {
        if (!env.BROWSER) child.unref();
        resolve();
      });
    });
}
