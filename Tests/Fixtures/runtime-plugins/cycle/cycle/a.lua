local b = require "cycle.b" return {}
