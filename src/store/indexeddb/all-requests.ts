/**
 * Issuing a transaction's writes together. `Promise.all([a.put(x), b.put(y)])` is not enough: a put
 * throws as it is made when its value cannot be stored (a `DataCloneError`), before `Promise.all` has
 * seen the requests already issued, whose rejections (the transaction's abort) would then go
 * unhandled.
 */

/** Calls each of `requests` in order and waits for them all; the first failure is thrown. */
export async function allRequests(requests: ReadonlyArray<() => Promise<unknown>>): Promise<void> {
  await Promise.all(issueAll(requests));
}

/**
 * Calls each of `requests` in order and returns their promises, without waiting. If one throws as
 * it is made, the ones before it are left handled (the transaction's abort rejects them) and the
 * error is thrown.
 */
export function issueAll(requests: ReadonlyArray<() => Promise<unknown>>): Promise<unknown>[] {
  const issued: Promise<unknown>[] = [];
  try {
    for (const request of requests) issued.push(request());
  } catch (error) {
    for (const promise of issued) promise.catch(() => undefined);
    throw error;
  }
  return issued;
}
