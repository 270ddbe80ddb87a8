/** CDK cloud assemblies (`cdk.out`). */
export { ASSEMBLY_MANIFEST, AssemblyError, AssemblyReads, isAssemblyManifestFile, isCloudAssembly, legacyAssetParameters, nestedTemplateUrls, readAssembly, type AssemblyStack, type LegacyAsset, type TemplateAsset } from './read-assembly';
