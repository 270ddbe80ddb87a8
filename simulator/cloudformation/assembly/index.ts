/** CDK cloud assemblies (`cdk.out`). */
export { ASSEMBLY_MANIFEST, AssemblyError, isCloudAssembly, legacyAssetParameters, readAssembly, type AssemblyStack, type LegacyAsset } from './read-assembly';
