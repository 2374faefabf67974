import { CopyTextButton, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  CamundaEntraRequest,
  ComponentEntraStatus,
} from '@camunda-entra/plugin-camunda-entra-common';
import { clientLabel, PLATFORM_LABELS } from '../../lib/presentation';
import { HealthChip } from '../EntraStatus';
import { RedirectUriList } from './RedirectUriList';
import { RotateSecretButton } from './RotateSecretButton';
import { SecretList } from './SecretList';

const useStyles = makeStyles(theme => ({
  // Everything about the application itself stays in the first column so the URIs and
  // secrets keep room to breathe.
  application: { verticalAlign: 'top', minWidth: 260 },
  clientId: {
    fontFamily: 'monospace',
    fontSize: theme.typography.caption.fontSize,
    whiteSpace: 'nowrap',
  },
  uris: { verticalAlign: 'top', minWidth: 160 },
  secrets: { verticalAlign: 'top', minWidth: 170 },
  drift: { color: theme.palette.error.main, fontWeight: 'bold' },
  problems: { margin: 0, paddingLeft: theme.spacing(2) },
  problem: { color: theme.palette.warning.dark },
}));

/** The platform Entra has the client's redirect URIs on, when the client needs another. */
function driftedPlatform(
  component: ComponentEntraStatus,
): ComponentEntraStatus['expectedPlatform'] | undefined {
  const { actualPlatform, expectedPlatform } = component;
  // `none` means no redirect URIs at all, which the missing ones already show.
  if (
    !actualPlatform ||
    actualPlatform === 'none' ||
    actualPlatform === expectedPlatform
  ) {
    return undefined;
  }
  return actualPlatform;
}

/**
 * SPAs are public clients without a secret; every other client can have one rotated, also
 * when none is left.
 */
function canHaveSecretRotated(component: ComponentEntraStatus) {
  return component.found && component.expectedPlatform !== 'spa';
}

/**
 * One row per application of the deployment, in three columns. Drift is marked where it shows
 * (redirect URIs, platform); the problems under the health chip are the backend's explanation
 * of it. The rotate button, only for those who
 * may rotate secrets, sits with the secrets; a client whose rotation was just requested gets no
 * second button.
 */
export const ComponentTable = (props: {
  entityRef: string;
  components: ComponentEntraStatus[];
  canRotate: boolean;
  rotations: Record<string, CamundaEntraRequest>;
  onRotationRequested: (client: string, request: CamundaEntraRequest) => void;
}) => {
  const { entityRef, components, canRotate, rotations, onRotationRequested } =
    props;
  const classes = useStyles();
  return (
    <Table size="small" aria-label="Entra applications">
      <TableHead>
        <TableRow>
          <TableCell>Application</TableCell>
          <TableCell>Redirect URIs</TableCell>
          <TableCell>Client secrets</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {components.map(component => {
          const registeredPlatform = driftedPlatform(component);
          return (
            <TableRow key={component.client}>
              <TableCell
                component="th"
                scope="row"
                className={classes.application}
              >
                <Typography variant="body2">
                  {clientLabel(component.client)}
                </Typography>
                {component.displayName && (
                  <Typography
                    variant="caption"
                    display="block"
                    color="textSecondary"
                  >
                    {component.displayName}
                  </Typography>
                )}
                <Box display="flex" alignItems="center" gridGap={4}>
                  <span className={classes.clientId}>{component.appId}</span>
                  <CopyTextButton
                    text={component.appId}
                    aria-label="Copy client ID"
                    tooltipText="Client ID copied"
                  />
                </Box>
                <Typography variant="caption" display="block">
                  Platform: {PLATFORM_LABELS[component.expectedPlatform]}
                </Typography>
                {registeredPlatform && (
                  <Typography variant="caption" className={classes.drift}>
                    registered as {PLATFORM_LABELS[registeredPlatform]}
                  </Typography>
                )}
                <Box my={0.5}>
                  <HealthChip health={component.health} />
                </Box>
                {component.problems.length > 0 && (
                  <ul className={classes.problems} aria-label="Problems">
                    {component.problems.map(problem => (
                      <li key={problem} className={classes.problem}>
                        {problem}
                      </li>
                    ))}
                  </ul>
                )}
                {component.found && component.portalUrl && (
                  <Link to={component.portalUrl} externalLinkIcon>
                    Open in Entra admin center
                  </Link>
                )}
              </TableCell>
              <TableCell className={classes.uris}>
                <RedirectUriList uris={component.redirectUris} />
              </TableCell>
              <TableCell className={classes.secrets}>
                <SecretList component={component} />
                {canRotate &&
                  canHaveSecretRotated(component) &&
                  !rotations[component.client] && (
                    <Box mt={1}>
                      <RotateSecretButton
                        entityRef={entityRef}
                        client={component.client}
                        onRequested={request =>
                          onRotationRequested(component.client, request)
                        }
                      />
                    </Box>
                  )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
};
