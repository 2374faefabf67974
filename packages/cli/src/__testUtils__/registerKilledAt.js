// Test only, never built or shipped: `camunda-entra register` run from the sources that kills
// itself with SIGKILL at one of its steps (see RegisterStep), as a cancelled pipeline job or a
// dying runner would. Usage: node registerKilledAt.js <step> <spec> <secrets-out>
require('@backstage/cli/config/nodeTransform.cjs');
const { runRegisterCommand } = require('../commands/registerCommand');

const [killAt, spec, secretsOut] = process.argv.slice(2);
runRegisterCommand(
  { spec, secretsOut },
  {
    stdout: line => process.stdout.write(`${line}\n`),
    stderr: line => process.stderr.write(`${line}\n`),
  },
  process.env,
  undefined,
  point => {
    if (point === killAt) {
      process.kill(process.pid, 'SIGKILL');
    }
  },
).then(code => {
  process.exitCode = code;
});
