# evaluation
