/// <reference lib="dom" />
// @ordergate/ui-widgets — the order desk panels as Owl 2 components. Named exports only.
export { ApprovalPanel } from './ApprovalPanel.js';
export type { ApprovalPanelProps, Blocker } from './ApprovalPanel.js';
export { TrackingPanel, STAGES, stagesOf } from './TrackingPanel.js';
export type { Stage, TrackingPanelProps } from './TrackingPanel.js';
export { CreditPanel, exposureBar } from './CreditPanel.js';
export type { BarPart, CreditPanelProps } from './CreditPanel.js';
export { ChangePanel, CHANGE_FIELDS, shown } from './ChangePanel.js';
export type { ChangePanelProps } from './ChangePanel.js';
export { MetricsPanel, metricCharts } from './MetricsPanel.js';
export type { MetricChart, MetricsPanelProps } from './MetricsPanel.js';
export { WorkQueue, filterQueue, sortQueue, QUEUE_FILTER_KEY } from './WorkQueue.js';
export type { QueueFilter, WorkQueueProps } from './WorkQueue.js';
export { Desk, DESK_TABS, DESK_TOKEN_KEY } from './Desk.js';
export type { DeskProps } from './Desk.js';
export { ApiError, CLIENT_ROUTES, OrdergateClient } from './client.js';
export type {
  Ageing,
  AgeingBucket,
  AllowedAction,
  Approval,
  ChangeOp,
  ChangeRequestInput,
  CommandResult,
  CreditPicture,
  Exposure,
  FieldChange,
  MetricsRow,
  PendingChange,
  Rate,
  RevisionDiff,
  Timeline,
  Tracking,
  TrailEvent,
  ClientOptions,
  CreditHold,
  Evidence,
  Finding,
  LocalText,
  OrderPicture,
  Problem,
  RouteStep,
  WorkItem,
  WorkStep,
} from './client.js';
export { I18n, hostLang, loadTexts } from './i18n.js';
export type { Lang, TextKey } from './i18n.js';
export { learnPeople } from './people.js';
export type { PanelEnv } from './env.js';
export {
  mountApprovalPanel,
  mountChangePanel,
  mountCreditPanel,
  mountDesk,
  mountMetricsPanel,
  mountTrackingPanel,
  mountWorkQueue,
} from './mount.js';
export type { MountedPanel, MountOptions } from './mount.js';
