// swagger-ui-dist (a dependency of @nestjs/swagger) ships no types.
declare module 'swagger-ui-dist/absolute-path.js' {
  /** Absolute path of the folder holding the Swagger UI assets. */
  function getAbsoluteFSPath(): string;
  export = getAbsoluteFSPath;
}
