module.exports = require('../../webpack.service.js')(__dirname);
