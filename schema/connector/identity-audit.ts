/** Identity connector: the provider's audit log as OCSF 1.3 events. */
import { builder, connectorField } from "../builder.ts";
import { providerConnection } from "./connection.ts";
import { badInput } from "../../src/errors.ts";
import { callConnector } from "../../src/services/connector-calls.ts";
import type { AuditLogEvent } from "../../providers/types.ts";

type OcsfUser = { uid: string | null; name: string | null; email_addr?: string | null };

const OcsfUserRef = builder.objectRef<OcsfUser>("OcsfUser").implement({
  description: "An OCSF user object.",
  subGraphs: ["connector"],
  fields: (t) => ({
    uid: t.exposeString("uid", { nullable: true, description: "Provider user id." }),
    name: t.exposeString("name", { nullable: true, description: "Name or login." }),
    emailAddr: t.string({ nullable: true, description: "Email address.", resolve: (user) => user.email_addr ?? null }),
  }),
});

const IdentityAuditEventRef = builder.objectRef<AuditLogEvent>("IdentityAuditEvent").implement({
  description: "An identity audit-log record as an OCSF 1.3 event: Authentication (3002), Account Change (3001) or Group Management (3006).",
  subGraphs: ["connector"],
  fields: (t) => ({
    classUid: t.int({ description: "OCSF class_uid.", resolve: (event) => event.ocsf.class_uid }),
    className: t.string({ description: "OCSF class_name.", resolve: (event) => event.ocsf.class_name }),
    activityId: t.int({ description: "OCSF activity_id.", resolve: (event) => event.ocsf.activity_id }),
    activityName: t.string({ description: "OCSF activity_name.", resolve: (event) => event.ocsf.activity_name }),
    typeUid: t.int({ description: "OCSF type_uid (class_uid × 100 + activity_id).", resolve: (event) => event.ocsf.type_uid }),
    time: t.field({ type: "DateTime", description: "When it happened.", resolve: (event) => new Date(event.ocsf.time) }),
    severityId: t.int({ description: "OCSF severity_id.", resolve: (event) => event.ocsf.severity_id }),
    statusId: t.int({ description: "OCSF status_id: 1 success, 2 failure, 0 unknown.", resolve: (event) => event.ocsf.status_id }),
    message: t.string({ nullable: true, description: "Human-readable message.", resolve: (event) => event.ocsf.message }),
    actor: t.field({ type: OcsfUserRef, nullable: true, description: "Who acted.", resolve: (event) => event.ocsf.actor?.user ?? null }),
    user: t.field({ type: OcsfUserRef, nullable: true, description: "The user acted upon.", resolve: (event) => event.ocsf.user }),
    ocsf: t.field({ type: "JSON", description: "The full OCSF 1.3 event.", resolve: (event) => event.ocsf }),
    raw: t.field({ type: "JSON", description: "The provider's record, unchanged.", resolve: (event) => event.raw }),
  }),
});

builder.queryField("identityAuditLog", (t) =>
  t.connection(
    {
      ...connectorField("identity"),
      type: IdentityAuditEventRef,
      description: "The identity provider's audit log as OCSF events. Operation `identity_query_audit_log`.",
      args: {
        since: t.arg({ type: "DateTime", description: "At or after this instant (provider default: 7 days ago)." }),
        until: t.arg({ type: "DateTime", description: "Before this instant (default: now)." }),
        eventTypes: t.arg.stringList({ description: "Provider event types to keep, e.g. `user.session.start`." }),
      },
      resolve: (_root, args, context) => {
        if (args.since && args.until && args.since > args.until) throw badInput("since", "must not be later than `until`");
        const filter = { since: args.since?.toISOString(), until: args.until?.toISOString(), eventTypes: args.eventTypes ?? undefined };
        return providerConnection(args, (page) =>
          callConnector(context, "identity", "identity_query_audit_log", (adapter) => adapter.queryAuditLog({ ...page, ...filter }), { filter }),
        );
      },
    },
    { subGraphs: ["connector"], name: "IdentityAuditEventConnection", description: "A page of audit events." },
    { subGraphs: ["connector"], name: "IdentityAuditEventEdge", description: "An audit event in a page." },
  ),
);
