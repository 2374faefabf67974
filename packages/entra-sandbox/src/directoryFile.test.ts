import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  parseSandboxDirectory,
  readSandboxDirectoryFile,
} from './directory/directoryFile';

const EXAMPLE = path.resolve(
  __dirname,
  '../../../examples/entra-directory.yaml',
);

describe('readSandboxDirectoryFile', () => {
  it('reads the example organisation', () => {
    const directory = readSandboxDirectoryFile(EXAMPLE);
    expect(directory.organization?.displayName).toBe('Camunda Entra example');
    expect(directory.users.map(u => u.mail)).toEqual([
      'pat@camunda-entra.example',
      'dana@camunda-entra.example',
    ]);
    const byNickname = Object.fromEntries(
      directory.groups.map(g => [g.mailNickname, g.members]),
    );
    expect(byNickname).toEqual({
      'platform-team': ['e17a0000-0000-4000-8000-000000000001'],
      'payments-team': ['e17a0000-0000-4000-8000-000000000002'],
    });
  });

  it('names the file when it cannot be parsed', () => {
    const file = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'entra-dir-')),
      'bad.yaml',
    );
    fs.writeFileSync(file, 'users: [\n');
    expect(() => readSandboxDirectoryFile(file)).toThrow(
      `Cannot read sandbox directory ${file}`,
    );
  });

  it('lists every problem with the field that has it', () => {
    const parse = () =>
      parseSandboxDirectory(
        {
          users: [
            {
              id: 'not-a-guid',
              displayName: 'A',
              userPrincipalName: 'a@x.example',
              shoeSize: 42,
            },
            {
              id: 'e17a0000-0000-4000-8000-000000000001',
              displayName: '',
              userPrincipalName: 'A@X.example',
              accountEnabled: 'yes',
            },
          ],
          groups: [
            {
              id: 'e17a0000-0000-4000-8000-000000001001',
              displayName: 'G',
              mailNickname: 'has space',
              securityEnabled: true,
              members: ['e17a0000-0000-4000-8000-0000000000ff'],
            },
          ],
        },
        'dir.yaml',
      );
    expect(parse).toThrow(
      [
        'Invalid sandbox directory dir.yaml: users[0].shoeSize: unknown property',
        'users[0].id: must be a GUID',
        'users[1].displayName: must be a non-empty string',
        'users[1].accountEnabled: must be true or false',
        "users[1].userPrincipalName: duplicate 'a@x.example'",
        'groups[0].mailNickname: must be at most 64 characters without spaces or @()\\[]";:<>,',
        'groups[0].mailEnabled: is required',
        "groups[0].members[0]: 'e17a0000-0000-4000-8000-0000000000ff' is not the id of a user in users",
      ].join('; '),
    );
  });
});
