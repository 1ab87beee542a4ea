local a = require "cycle.a" return {}
