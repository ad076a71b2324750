# mydata
