import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliSecretName, convergeSecret, decideSecret } from './cliSecrets';
import { JournaledSecret, SecretJournal } from '../journal/secretJournal';

const NAME = cliSecretName('orders');
const NEXT_YEAR = new Date(Date.now() + 365 * 86_400_000).toISOString();
const LAST_YEAR = new Date(Date.now() - 365 * 86_400_000).toISOString();

const credential = (keyId: string, displayName = NAME, end = NEXT_YEAR) => ({
  keyId,
  displayName,
  endDateTime: end,
});
const journaled = (keyId: string): JournaledSecret => ({
  client: 'optimize',
  objectId: 'app',
  keyId,
  endDateTime: NEXT_YEAR,
  secretText: `text of ${keyId}`,
});

describe('decideSecret', () => {
  it('keeps a valid secret that was there before the journal, of any name', () => {
    for (const existing of [undefined, ['delivered']]) {
      expect(
        decideSecret([credential('delivered')], {
          name: NAME,
          existing,
          journaled: [],
        }),
      ).toEqual({ add: false, orphans: [] });
    }
    expect(
      decideSecret([credential('theirs', 'by hand')], {
        name: NAME,
        existing: [],
        journaled: [],
      }),
    ).toEqual({ add: false, orphans: [] });
  });

  it('delivers the secret the journal holds and removes its other own secrets since', () => {
    const decision = decideSecret(
      [credential('before'), credential('lost'), credential('recorded')],
      { name: NAME, existing: ['before'], journaled: [journaled('recorded')] },
    );
    expect(decision.recovered?.keyId).toBe('recorded');
    expect(decision).toMatchObject({ add: false, orphans: ['lost'] });
  });

  it('adds one when only orphans, expired or removed secrets remain, and never removes others', () => {
    const decision = decideSecret(
      [
        credential('lost'),
        credential('old', 'by hand', LAST_YEAR),
        credential('expired', NAME, LAST_YEAR),
      ],
      {
        name: NAME,
        existing: ['expired'],
        journaled: [journaled('removed meanwhile')],
      },
    );
    expect(decision).toEqual({ add: true, orphans: ['lost'] });
  });
});

describe('convergeSecret', () => {
  it('fails, recording and changing nothing, when an application that existed reads as missing', async () => {
    const file = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'converge-')),
      'j',
    );
    const journal = await SecretJournal.open(file, {
      tenantId: 'tenant',
      deployment: 'orders',
    });
    const directory = {
      getApplication: jest.fn().mockResolvedValue(undefined),
      addSecret: jest.fn(),
      removeSecret: jest.fn(),
    };

    await expect(
      convergeSecret(
        directory,
        journal,
        { client: 'optimize', objectId: 'app', created: false },
        { name: NAME, lifetimeDays: 30 },
      ),
    ).rejects.toThrow('application app was not found');
    expect(journal.existingKeyIds('app')).toBeUndefined();
    expect(directory.addSecret).not.toHaveBeenCalled();
  });
});

describe('SecretJournal', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-'));
  const owner = { tenantId: 'tenant', deployment: 'orders' };

  it('is private, resumed with what it recorded, and survives a cut-off last line', async () => {
    const file = path.join(dir, 'resumed.journal');
    const journal = await SecretJournal.open(file, owner);
    await journal.recordExisting('app', ['before']);
    await journal.recordSecret(journaled('recorded'));
    fs.appendFileSync(file, '{"secret":{"client":"opt');

    const resumed = (await SecretJournal.read(file, owner))!;

    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(journal.resumed).toBe(false);
    expect(resumed.resumed).toBe(true);
    expect(resumed.existingKeyIds('app')).toEqual(['before']);
    expect(resumed.secretsOf('app')).toEqual([journaled('recorded')]);
    await resumed.delete();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('resumed after a cut-off last line, appends whole lines that a later run reads', async () => {
    const file = path.join(dir, 'cut.journal');
    const journal = await SecretJournal.open(file, owner);
    await journal.recordSecret(journaled('first'));
    fs.appendFileSync(file, '{"secret":{"client":"opt');

    const resumed = await SecretJournal.open(file, owner);
    await resumed.recordSecret(journaled('second'));

    const again = (await SecretJournal.read(file, owner))!;
    expect(again.secretsOf('app')).toEqual([
      journaled('first'),
      journaled('second'),
    ]);
  });

  it('refuses to resume a journal others can read, or one reached through a symlink', async () => {
    const file = path.join(dir, 'shared.journal');
    await SecretJournal.open(file, owner);
    fs.chmodSync(file, 0o644);
    await expect(SecretJournal.open(file, owner)).rejects.toThrow(
      `journal: ${file} is not a private file (mode 0644)`,
    );

    const link = path.join(dir, 'link.journal');
    fs.chmodSync(file, 0o600);
    fs.symlinkSync(file, link);
    await expect(SecretJournal.open(link, owner)).rejects.toThrow(
      `journal: ${link} is not a private file (a symbolic link)`,
    );
    expect(fs.readFileSync(file, 'utf8').split('\n')).toHaveLength(2);
  });

  it("refuses a journal of another user's, also when only reading it (a dry run)", async () => {
    const file = path.join(dir, 'foreign.journal');
    await SecretJournal.open(file, owner);
    // Another local user's file, planted where the journal is expected (the tests run as root).
    fs.chownSync(file, 65534, 65534);
    for (const reader of [SecretJournal.open, SecretJournal.read]) {
      await expect(reader(file, owner)).rejects.toThrow(
        `journal: ${file} is not a private file (owned by user 65534)`,
      );
    }
  });

  it('refuses a FIFO in place of the journal instead of waiting on it', async () => {
    const fifo = path.join(dir, 'fifo.journal');
    execFileSync('mkfifo', [fifo]);
    await expect(SecretJournal.read(fifo, owner)).rejects.toThrow(
      `journal: ${fifo} is not a private file (not a regular file)`,
    );
  });

  it('never appends through a symlink swapped in after the journal was opened', async () => {
    const file = path.join(dir, 'swapped.journal');
    const elsewhere = path.join(dir, 'elsewhere');
    fs.writeFileSync(elsewhere, '', { mode: 0o600 });
    const journal = await SecretJournal.open(file, owner);
    fs.rmSync(file);
    fs.symlinkSync(elsewhere, file);
    await expect(journal.recordSecret(journaled('late'))).rejects.toThrow(
      `journal: ${file} is not a private file (a symbolic link)`,
    );
    expect(fs.readFileSync(elsewhere, 'utf8')).toBe('');
  });

  it("refuses another deployment's journal", async () => {
    const file = path.join(dir, 'other.journal');
    await SecretJournal.open(file, { ...owner, deployment: 'payments' });
    await expect(SecretJournal.open(file, owner)).rejects.toThrow(
      `journal: ${file} is not a journal of deployment orders in tenant tenant`,
    );
  });
});
