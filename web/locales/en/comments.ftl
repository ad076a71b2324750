# comments
