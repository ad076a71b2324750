# organisations
