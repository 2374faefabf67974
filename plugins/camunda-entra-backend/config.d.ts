import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the Camunda Entra plugins. */
  camundaEntra?: {
    /** Who decides on provisioning requests. */
    approval?: {
      /**
       * Whether a request waits for approval by someone holding the
       * `camunda-entra.request.approve` permission. Default true; when false every request is
       * approved on creation.
       */
      required?: boolean;
      /** Whether requesters may approve their own requests. Default false. */
      allowSelfApproval?: boolean;
      /**
       * Entity references (users or groups, e.g. group:default/platform-team) notified when a
       * request waits for approval or fails.
       */
      approvers?: string[];
      /**
       * Requests for a new deployment name matching any rule are approved on creation. A rule
       * matches when every criterion it names matches; a rule must name at least one. Rules
       * match only what the requester cannot choose freely; the request's environment is not
       * one of them (a rule naming `environments` is refused).
       */
      autoApprove?: Array<{
        /**
         * Entity refs of deployment owners, e.g. [group:default/sandbox-team]: the owner the
         * first provisioning records (the entity's owner, or one the requester is a member of).
         */
        owners?: string[];
        /** Namespace patterns; `*` matches any run of characters, e.g. dev-*. */
        namespaces?: string[];
      }>;
    };
    /**
     * How backend instances share the provisioning of approved requests (and rotations): each
     * instance claims requests with a lease, renewed every third of it while it works. The
     * requests of an instance that died are taken over at most `lease` plus `pollInterval`
     * after its last renewal (12 s by default).
     */
    provisioning?: {
      /**
       * How long a claim lasts without renewal, i.e. how soon another instance takes over the
       * requests of one that died. Default 10 seconds; at least 100 milliseconds. Shorter takes
       * over sooner but costs more database writes: one small UPDATE per request under way every
       * third of the lease (0.3 per second per request by default); and a renewal held up longer
       * than the lease (a database pause, a blocked event loop) loses the request to another
       * instance, which then resumes it.
       */
      lease?: HumanDuration | string;
      /**
       * How often each instance looks for approved requests, and for expired leases to take
       * over, besides on approval. Default 2 seconds (one SELECT per instance each time).
       */
      pollInterval?: HumanDuration | string;
      /** Requests one instance provisions at the same time. Default 4. */
      concurrency?: number;
    };
    /**
     * The catalog card's status endpoint, the secret expiry scan and secret rotation. Reading
     * needs the Graph permission Application.Read.All (see docs/monitoring.md).
     */
    monitoring?: {
      /** When a client secret counts as expiring or critical; owners are notified at each. */
      secretExpiry?: {
        /** Days before the end date from which a secret is `expiring`. Default 30. */
        warningDays?: number;
        /** Days before the end date from which a secret is `critical`; below warningDays. Default 7. */
        criticalDays?: number;
      };
      status?: {
        /**
         * How long one directory read answers status requests. Default 1 minute. When Graph
         * fails, the last known state is returned (up to a week old) with its age.
         */
        cacheTtl?: HumanDuration | string;
      };
      /** The scan of all the product's applications that notifies owners of expiring secrets. */
      scan?: {
        /**
         * Default: every 6 hours, 10 minutes timeout, first run 5 minutes after start. One
         * instance runs it at a time; one that dies mid-run holds it up until the timeout.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
      /** Approved secret rotations. */
      rotation?: {
        /**
         * How long the old secret stays valid after the new one is delivered. Default 24 hours.
         * With the Key Vault sink at least 70 minutes: the ExternalSecrets' refresh interval
         * (1 hour) plus 10 minutes.
         */
        gracePeriod?: HumanDuration | string;
        /**
         * Rotation by age: each expiry scan asks for a rotation of every client whose newest
         * secret is older than this many days (unless one is open for that client), approved
         * like any rotation. Unset (default): never.
         */
        maxAgeDays?: number;
        /**
         * How often due removals of old secrets run. Default every 5 minutes, 1 minute timeout
         * (an instance that dies mid-run holds the task up that long; each removal is leased).
         */
        cleanupSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
      /** The fleet view's status cache (see docs/monitoring.md, "Fleet view"). */
      fleet?: {
        /**
         * When every registered deployment is checked again (one Graph $batch per 50
         * deployments). Default every 15 minutes, 5 minutes timeout, first run 1 minute after
         * start. A deployment is also checked right after a request for it settles and whenever
         * its status endpoint reads the directory.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
