/** AWS naming every tool shares: partitions, endpoint suffixes, ARNs. */
export { partitionOf, urlSuffixOf, stackArn } from './partitions';
