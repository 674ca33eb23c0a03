/**
 * Names the test a test process was running when it died. Vitest reports a worker that exits on
 * its own only as "Worker exited unexpectedly", without the file; with SWITCHYARD_TEST_WITNESS_DIR
 * set (CI sets it), each process keeps a file there naming its current test and removes it when its
 * test file ends normally, so any file left behind names a test whose process died under it.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeEach } from "vitest";

const folder = process.env.SWITCHYARD_TEST_WITNESS_DIR;

if (folder) {
  mkdirSync(folder, { recursive: true });
  const witness = join(folder, `pid-${process.pid}`);
  beforeEach((context) => {
    writeFileSync(witness, `${context.task.file.name} > ${context.task.name}\n`);
  });
  afterAll(() => rmSync(witness, { force: true }));
  process.on("exit", (code) => {
    if (code !== 0) writeFileSync(witness, `exit code ${code} during or after this test\n`, { flag: "a" });
  });
}
