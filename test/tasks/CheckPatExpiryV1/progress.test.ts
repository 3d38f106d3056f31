/** CheckPatExpiry's progress lines during a long organization scan. */
import * as assert from "assert";
import { progressLogger } from "../../../tasks/CheckPatExpiryV1/progress";

describe("CheckPatExpiryV1 progress", () => {
  it("logs users x/N about twenty times and always the last", () => {
    const lines: string[] = [];
    const log = progressLogger((done, total) => lines.push(`users ${done}/${total}`));
    for (let i = 1; i <= 2000; i++) log(i, 2000);
    assert.strictEqual(lines.length, 20);
    assert.deepStrictEqual([lines[0], lines[19]], ["users 100/2000", "users 2000/2000"]);
  });

  it("logs every user of a small organization", () => {
    const lines: string[] = [];
    const log = progressLogger((done, total) => lines.push(`${done}/${total}`));
    for (let i = 1; i <= 3; i++) log(i, 3);
    assert.deepStrictEqual(lines, ["1/3", "2/3", "3/3"]);
  });
});
