import { useState } from 'react';
import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import DialogContentText from '@material-ui/core/DialogContentText';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  bundlesDatabases,
  CamundaEntraRequest,
  CHART_LINES,
  ChartLine,
  PREVIEW_CHART_LINES,
} from '@camunda-entra/plugin-camunda-entra-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { camundaEntraApiRef } from '../../api/CamundaEntraApi';
import { clientLabel } from '../../lib/presentation';
import { requestRouteRef } from '../../routes';
import { ConfirmRequestDialog } from './ConfirmRequestDialog';

const OPEN_STATES = ['pending', 'approved', 'provisioning', 'failed'];

const INPUT_EXAMPLE = `{
  "databases": {
    "identity": { "host": "db.example.com", "database": "identity", "username": "identity",
                  "password": { "name": "camunda-credentials", "key": "identity-db-password" } },
    "camundaHub": { "host": "db.example.com", "database": "hub", "username": "hub",
                    "password": { "name": "camunda-credentials", "key": "hub-db-password" } }
  },
  "secondaryStorage": { "type": "externalElasticsearch", "url": "https://search.example.com:9200" }
}`;

function lineLabel(line: ChartLine): string {
  return PREVIEW_CHART_LINES.includes(line) ? `${line} (preview)` : line;
}

/** The line a deployment runs: its newest applied upgrade's, else its entity's annotation. */
function currentLine(
  chart: ChartLine | undefined,
  upgrades: CamundaEntraRequest[],
): ChartLine | undefined {
  const applied = upgrades.find(u => u.state === 'provisioned');
  return applied?.plan.upgrade?.to ?? chart;
}

/** The JSON of what the target line needs, or the error that names what is wrong with it. */
function parseInput(text: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('What the new line needs must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

const UpgradeDialogButton = (props: {
  entityRef: string;
  line: ChartLine;
  onRequested: (request: CamundaEntraRequest) => void;
}) => {
  const { entityRef, line, onRequested } = props;
  const api = useApi(camundaEntraApiRef);
  const newer = CHART_LINES.slice(CHART_LINES.indexOf(line) + 1);
  const next = newer[0];
  const [open, setOpen] = useState(false);
  const [input, setInput] = useState('');
  const needsInput = next !== undefined && !bundlesDatabases(next);
  const [{ loading, error }, upgrade] = useAsyncFn(async () => {
    onRequested(
      await api.requestUpgrade({
        entityRef,
        chart: next!,
        ...(needsInput && input.trim() && { with: parseInput(input) }),
      }),
    );
    setOpen(false);
  }, [api, entityRef, next, needsInput, input]);

  if (!next) {
    return null;
  }
  return (
    <>
      <Button size="small" variant="outlined" onClick={() => setOpen(true)}>
        Upgrade
      </Button>
      <ConfirmRequestDialog
        id="camunda-entra-upgrade"
        title={`Upgrade from Camunda ${line}?`}
        open={open}
        onClose={() => setOpen(false)}
        confirmLabel={`Request upgrade to ${next}`}
        onConfirm={upgrade}
        loading={loading}
        error={error}
      >
        <DialogContentText>
          This asks the platform team to upgrade the deployment one line at a
          time. On approval the new line's Entra applications and redirect URIs
          are added beside the old ones, so the running deployment keeps signing
          in; what only the old line uses is removed when you finish the upgrade
          once the new line runs.
        </DialogContentText>
        <RadioGroup aria-label="Camunda line" value={next}>
          {newer.map(candidate => (
            <FormControlLabel
              key={candidate}
              value={candidate}
              control={<Radio />}
              disabled={candidate !== next}
              label={
                candidate === next
                  ? lineLabel(candidate)
                  : `${lineLabel(candidate)}: upgrade to ${next} first`
              }
            />
          ))}
        </RadioGroup>
        {needsInput && (
          <TextField
            id="camunda-entra-upgrade-input"
            label={`What ${next} needs (JSON)`}
            helperText="External databases and secondary storage, which this line no longer bundles"
            multiline
            minRows={6}
            fullWidth
            margin="normal"
            variant="outlined"
            placeholder={INPUT_EXAMPLE}
            value={input}
            onChange={event => setInput(event.target.value)}
          />
        )}
      </ConfirmRequestDialog>
    </>
  );
};

const FinishUpgradeButton = (props: {
  upgrade: CamundaEntraRequest;
  onFinished: () => void;
}) => {
  const { upgrade, onFinished } = props;
  const api = useApi(camundaEntraApiRef);
  const [open, setOpen] = useState(false);
  const [{ loading, error }, finish] = useAsyncFn(async () => {
    await api.finishUpgrade(upgrade.id);
    setOpen(false);
    onFinished();
  }, [api, upgrade.id, onFinished]);
  const plan = upgrade.plan.upgrade!;
  return (
    <>
      <Button size="small" variant="outlined" onClick={() => setOpen(true)}>
        Finish upgrade
      </Button>
      <ConfirmRequestDialog
        id="camunda-entra-finish-upgrade"
        title={`Finish the upgrade to ${plan.to}?`}
        open={open}
        onClose={() => setOpen(false)}
        confirmLabel="Finish upgrade"
        onConfirm={finish}
        loading={loading}
        error={error}
      >
        <DialogContentText>
          Only once {plan.to} runs: afterwards {plan.from} no longer signs in.
        </DialogContentText>
        <ul aria-label="Removed when finished">
          {plan.pendingRemovals.map(removal => (
            <li key={removal.uniqueName}>
              {clientLabel(removal.client)}:{' '}
              {removal.change === 'removed'
                ? 'application deleted with its client secrets'
                : `redirect URIs only ${plan.from} used removed`}
            </li>
          ))}
        </ul>
      </ConfirmRequestDialog>
    </>
  );
};

/**
 * Upgrading the deployment to the next Camunda line: "Upgrade" offers the newer lines (8.10
 * marked as a preview while its chart is), an open upgrade is linked instead, and an applied
 * one offers "Finish upgrade" until its owner finished it.
 */
export const UpgradeActions = (props: {
  entityRef: string;
  /** The entity's chart annotation. */
  chart?: string;
}) => {
  const { entityRef } = props;
  const api = useApi(camundaEntraApiRef);
  const requestLink = useRouteRef(requestRouteRef);
  const [requested, setRequested] = useState<CamundaEntraRequest>();
  const { value, retry } = useAsyncRetry(async () => {
    const listed = await api.listRequests({ kind: 'upgrade' });
    return (listed?.items ?? []).filter(r => r.entityRef === entityRef);
  }, [api, entityRef]);
  const upgrades = value ?? [];
  const ongoing =
    requested ?? upgrades.find(u => OPEN_STATES.includes(u.state));
  const unfinished = upgrades.find(
    u => u.state === 'provisioned' && !u.plan.upgrade?.finished,
  );
  const chart = (CHART_LINES as readonly string[]).includes(props.chart ?? '')
    ? (props.chart as ChartLine)
    : undefined;
  const line = currentLine(chart, upgrades);

  if (ongoing) {
    return (
      <Alert severity="info">
        Upgrade to {ongoing.plan.upgrade?.to} {ongoing.state}.{' '}
        <Link to={requestLink({ id: ongoing.id })}>View request</Link>
      </Alert>
    );
  }
  if (unfinished) {
    return <FinishUpgradeButton upgrade={unfinished} onFinished={retry} />;
  }
  if (!value || !line) {
    return null;
  }
  return (
    <UpgradeDialogButton
      entityRef={entityRef}
      line={line}
      onRequested={setRequested}
    />
  );
};
