import { describe, expect, it } from 'vitest';
import { bumpDataVersion } from '../../store/store.ts';
import { bumpDuidingVersion, createVersions } from '../../server/versions.ts';
import { tempStore } from '../helpers/tempStore.ts';

const store = await tempStore();

describe('versions', () => {
  it('reads the data and duiding versions from the store', async () => {
    await store.transaction(bumpDataVersion);
    await store.transaction(bumpDuidingVersion);
    await store.transaction(bumpDuidingVersion);
    expect(await createVersions(store).read()).toEqual({ data: 1, duiding: 2 });
  });

  it('sees a write at once after invalidate', async () => {
    const versions = createVersions(store, 60_000);
    const before = await versions.read();
    await store.transaction(bumpDataVersion);
    expect(await versions.read()).toEqual(before); // remembered: no store read per request
    versions.invalidate();
    expect((await versions.read()).data).toBe(before.data + 1);
  });

  it('does not remember a read that started before an invalidate', async () => {
    const versions = createVersions(store, 60_000);
    const early = versions.read();
    await store.transaction(bumpDuidingVersion);
    versions.invalidate();
    const fresh = await versions.read();
    await early;
    expect(await versions.read()).toEqual(fresh);
  });

  it('notices a write that bypassed invalidate once the short lifetime has passed', async () => {
    const versions = createVersions(store, 20);
    const before = await versions.read();
    await store.transaction(bumpDataVersion);
    await new Promise((r) => setTimeout(r, 40));
    expect((await versions.read()).data).toBe(before.data + 1);
  });
});
