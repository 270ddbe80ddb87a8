/** CDK cloud assemblies (`cdk.out`). */
export { ASSEMBLY_MANIFEST, AssemblyError, isCloudAssembly, readAssembly, type AssemblyStack } from './read-assembly';
