/** axe-core in the hub frame: injects its script with playwright and returns the serious and critical violations. */
import * as fs from "fs";
import type { Frame, Page } from "playwright-core";

const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

function hubFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().includes("/pat-hub/"));
  if (!frame) throw new Error("the hub frame is not there");
  return frame;
}

/** Rules the issue named (moderate in axe) that must not come back either. */
const ALSO_REFUSED = new Set(["landmark-one-main", "region"]);

/** "rule (impact): target — help" for each serious or critical violation (and the rules above) in the hub frame; empty when none. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const frame = hubFrame(page);
  // The state under test, not a tooltip the pointer happens to hover (a passing portal outside any landmark).
  await page.mouse.move(0, 0);
  await frame
    .locator(".bolt-tooltip")
    .first()
    .waitFor({ state: "detached", timeout: 3000 })
    .catch(() => undefined);
  // A panel still fading in has text of too little contrast for a moment: measure once it has settled.
  await frame.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  await frame.evaluate(() => new Promise((resolve) => setTimeout(resolve, 350)));
  if (!(await frame.evaluate(() => "axe" in window))) await frame.addScriptTag({ content: AXE_SOURCE });
  const results = await frame.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: unknown,
            options: unknown,
          ): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  return results
    .filter((v) => v.impact === "serious" || v.impact === "critical" || ALSO_REFUSED.has(v.id))
    .map((v) => `${v.id} (${v.impact}): ${v.targets.slice(0, 3).join(", ")} — ${v.help}`);
}
