import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import { DefaultEntraDirectory } from './DefaultEntraDirectory';
import { resolveEntraDirectoryConfig } from './config';
import { GraphResponseEvent } from './graphResponses';
import { sandboxDirectoryConfig } from '../testUtils';

jest.setTimeout(60_000);

describe('onGraphResponse', () => {
  let sandbox: EntraSandbox;

  beforeAll(async () => {
    sandbox = await startEntraSandbox({ seed: 7 });
  });
  afterAll(() => sandbox?.stop());

  it('sees every answer, throttled attempts included', async () => {
    const events: GraphResponseEvent[] = [];
    const directory = DefaultEntraDirectory.create(
      resolveEntraDirectoryConfig(
        sandboxDirectoryConfig(sandbox, {
          retry: { maxRetries: 4, baseDelayMs: 10, maxDelayMs: 50 },
        }),
      ),
      { onGraphResponse: event => events.push(event) },
    );
    sandbox.admin.injectError({ status: 429, count: 2, retryAfterSeconds: 0 });

    await directory.listApplications();

    expect(events.map(event => event.status)).toEqual([429, 429, 200]);
  });
});
