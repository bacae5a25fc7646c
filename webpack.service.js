const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join, relative } = require('path');

/**
 * Webpack config shared by every Nest app: a Node bundle compiled by tsc (Nest needs decorator
 * metadata), written to dist/<app folder> with a generated package.json for container images.
 */
module.exports = function serviceWebpackConfig(appDir) {
  return {
    output: {
      path: join(__dirname, 'dist', relative(__dirname, appDir)),
      clean: true,
      ...(process.env.NODE_ENV !== 'production' && {
        devtoolModuleFilenameTemplate: '[absolute-resource-path]',
      }),
    },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: true,
        sourceMap: true,
      }),
    ],
  };
};
