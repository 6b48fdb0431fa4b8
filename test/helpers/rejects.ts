import * as assert from 'uvu/assert';
/** uvu/assert has no async `rejects`: await the promise and check the error it rejects with. */
export async function rejects(p: Promise<unknown>, check?: (e: unknown) => boolean, msg?: string): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    if (check && !check(e))
      assert.unreachable(
        `${msg ?? 'rejected with an unexpected error'}: ${e instanceof Error ? `${(e as { code?: string }).code ?? ''} ${e.message}` : String(e)}`,
      );
    return e;
  }
  assert.unreachable(msg ?? 'expected the promise to reject');
}
